/*
 * liblber-2.5.so.0 stand-in (symbol version OPENLDAP_2.5).
 * Safe: libcurl calls ber_* only from its ldap/ldaps protocol handlers (lib/openldap.c), and
 * CURLOPT_PROTOCOLS_STR "http,https" rejects those schemes before any handler runs.
 */
#include "stub.h"

typedef struct berelement BerElement;
typedef struct sockbuf Sockbuf;
typedef struct sockbuf_io Sockbuf_IO;
struct berval;

/* The free functions have nothing to free: no stub ever hands out memory. */
STUB_EXPORT void ber_free(BerElement *ber, int freebuf) {
    STUB_ENTER();
    (void)ber;
    (void)freebuf;
}

STUB_EXPORT void ber_bvfree(struct berval *bv) {
    STUB_ENTER();
    (void)bv;
}

STUB_EXPORT void ber_memfree(void *p) {
    STUB_ENTER();
    (void)p;
}

STUB_EXPORT void ber_memvfree(void **vector) {
    STUB_ENTER();
    (void)vector;
}

STUB_EXPORT int ber_sockbuf_add_io(Sockbuf *sb, Sockbuf_IO *sbio, int layer, void *arg) {
    STUB_ENTER();
    (void)sb;
    (void)sbio;
    (void)layer;
    (void)arg;
    return -1;
}

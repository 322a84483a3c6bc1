/*
 * libidn2.so.0 stand-in (symbol version IDN2_0.0.0).
 * Safe: libcurl converts a host name with idn2 only when the name is not ASCII, and only after
 * idn2_check_version() returns non-NULL; we only ever use ASCII hosts (AWS endpoints,
 * loopback), and the NULL below makes even a non-ASCII name fail in DNS, unconverted.
 */
#include "stub.h"

#define IDN2_ENCODING_ERROR (-200)

STUB_EXPORT const char *idn2_check_version(const char *req_version) {
    STUB_ENTER();
    (void)req_version;
    return 0; /* "no usable libidn2": libcurl then leaves the host name alone */
}

STUB_EXPORT int idn2_lookup_ul(const char *src, char **lookupname, int flags) {
    STUB_ENTER();
    (void)src;
    (void)flags;
    if (lookupname) *lookupname = 0;
    return IDN2_ENCODING_ERROR;
}

STUB_EXPORT void idn2_free(void *ptr) {
    STUB_ENTER();
    (void)ptr; /* nothing here ever allocates */
}

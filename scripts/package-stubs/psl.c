/*
 * libpsl.so.5 stand-in.
 * Safe: libcurl consults the public suffix list only in lib/cookie.c, to vet a cookie's
 * domain, and we never enable cookies; with no list (NULL below) curl rejects such cookies.
 */
#include "stub.h"

typedef struct psl_ctx_st psl_ctx_t;

STUB_EXPORT const psl_ctx_t *psl_builtin(void) {
    STUB_ENTER();
    return 0;
}

STUB_EXPORT psl_ctx_t *psl_latest(const char *fname) {
    STUB_ENTER();
    (void)fname;
    return 0;
}

STUB_EXPORT void psl_free(psl_ctx_t *psl) {
    STUB_ENTER();
    (void)psl; /* nothing here ever allocates */
}

STUB_EXPORT int psl_is_cookie_domain_acceptable(const psl_ctx_t *psl, const char *hostname,
                                                const char *cookie_domain) {
    STUB_ENTER();
    (void)psl;
    (void)hostname;
    (void)cookie_domain;
    return 0; /* not acceptable */
}

/* Only curl_version() asks; it prints the string, so it must not be NULL. */
STUB_EXPORT const char *psl_get_version(void) {
    STUB_ENTER();
    return "none (stub)";
}

/*
 * libldap-2.5.so.0 stand-in (symbol version OPENLDAP_2.5).
 * Safe: libcurl calls ldap_* only from its ldap/ldaps protocol handlers (lib/openldap.c), and
 * CURLOPT_PROTOCOLS_STR "http,https" rejects those schemes before any handler runs.
 */
#include "stub.h"

typedef struct ldap LDAP;
typedef struct ldapmsg LDAPMessage;
typedef struct ldapcontrol LDAPControl;
typedef struct berelement BerElement;
typedef struct berval {
    unsigned long bv_len;
    char *bv_val;
} BerValue;
typedef struct ldap_url_desc LDAPURLDesc;
struct timeval;

#define LDAP_OPT_ERROR (-1)
#define LDAP_NOT_SUPPORTED (-12)
#define LDAP_URL_ERR_BADSCHEME 3

STUB_EXPORT char *ldap_err2string(int err) {
    STUB_ENTER();
    (void)err;
    return (char *)"LDAP is not available in this package";
}

STUB_EXPORT int ldap_pvt_url_scheme2proto(const char *scheme) {
    STUB_ENTER();
    (void)scheme;
    return -1;
}

STUB_EXPORT int ldap_url_parse(const char *url, LDAPURLDesc **ludpp) {
    STUB_ENTER();
    (void)url;
    if (ludpp) *ludpp = 0;
    return LDAP_URL_ERR_BADSCHEME;
}

STUB_EXPORT void ldap_free_urldesc(LDAPURLDesc *ludp) {
    STUB_ENTER();
    (void)ludp;
}

STUB_EXPORT int ldap_init_fd(int fd, int proto, const char *url, LDAP **ldp) {
    STUB_ENTER();
    (void)fd;
    (void)proto;
    (void)url;
    if (ldp) *ldp = 0;
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT int ldap_get_option(LDAP *ld, int option, void *outvalue) {
    STUB_ENTER();
    (void)ld;
    (void)option;
    (void)outvalue;
    return LDAP_OPT_ERROR;
}

STUB_EXPORT int ldap_set_option(LDAP *ld, int option, const void *invalue) {
    STUB_ENTER();
    (void)ld;
    (void)option;
    (void)invalue;
    return LDAP_OPT_ERROR;
}

STUB_EXPORT int ldap_start_tls(LDAP *ld, LDAPControl **sctrls, LDAPControl **cctrls,
                               int *msgidp) {
    STUB_ENTER();
    (void)ld;
    (void)sctrls;
    (void)cctrls;
    (void)msgidp;
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT int ldap_sasl_bind(LDAP *ld, const char *dn, const char *mechanism,
                               struct berval *cred, LDAPControl **sctrls,
                               LDAPControl **cctrls, int *msgidp) {
    STUB_ENTER();
    (void)ld;
    (void)dn;
    (void)mechanism;
    (void)cred;
    (void)sctrls;
    (void)cctrls;
    (void)msgidp;
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT int ldap_parse_sasl_bind_result(LDAP *ld, LDAPMessage *res,
                                            struct berval **servercredp, int freeit) {
    STUB_ENTER();
    (void)ld;
    (void)res;
    (void)freeit;
    if (servercredp) *servercredp = 0;
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT int ldap_search_ext(LDAP *ld, const char *base, int scope, const char *filter,
                                char **attrs, int attrsonly, LDAPControl **sctrls,
                                LDAPControl **cctrls, struct timeval *timeout, int sizelimit,
                                int *msgidp) {
    STUB_ENTER();
    (void)ld;
    (void)base;
    (void)scope;
    (void)filter;
    (void)attrs;
    (void)attrsonly;
    (void)sctrls;
    (void)cctrls;
    (void)timeout;
    (void)sizelimit;
    (void)msgidp;
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT int ldap_result(LDAP *ld, int msgid, int all, struct timeval *timeout,
                            LDAPMessage **result) {
    STUB_ENTER();
    (void)ld;
    (void)msgid;
    (void)all;
    (void)timeout;
    if (result) *result = 0;
    return -1;
}

STUB_EXPORT int ldap_parse_result(LDAP *ld, LDAPMessage *res, int *errcodep,
                                  char **matcheddnp, char **diagmsgp, char ***referralsp,
                                  LDAPControl ***serverctrls, int freeit) {
    STUB_ENTER();
    (void)ld;
    (void)res;
    (void)freeit;
    if (errcodep) *errcodep = LDAP_NOT_SUPPORTED;
    if (matcheddnp) *matcheddnp = 0;
    if (diagmsgp) *diagmsgp = 0;
    if (referralsp) *referralsp = 0;
    if (serverctrls) *serverctrls = 0;
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT int ldap_msgtype(LDAPMessage *lm) {
    STUB_ENTER();
    (void)lm;
    return -1;
}

STUB_EXPORT int ldap_msgfree(LDAPMessage *lm) {
    STUB_ENTER();
    (void)lm;
    return -1;
}

STUB_EXPORT int ldap_get_dn_ber(LDAP *ld, LDAPMessage *e, BerElement **berout,
                                struct berval *dn) {
    STUB_ENTER();
    (void)ld;
    (void)e;
    if (berout) *berout = 0;
    if (dn) {
        dn->bv_len = 0;
        dn->bv_val = 0;
    }
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT int ldap_get_attribute_ber(LDAP *ld, LDAPMessage *e, BerElement *ber,
                                       struct berval *attr, struct berval **vals) {
    STUB_ENTER();
    (void)ld;
    (void)e;
    (void)ber;
    if (attr) {
        attr->bv_len = 0;
        attr->bv_val = 0;
    }
    if (vals) *vals = 0;
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT void ldap_memfree(void *p) {
    STUB_ENTER();
    (void)p; /* nothing here ever allocates */
}

STUB_EXPORT int ldap_abandon_ext(LDAP *ld, int msgid, LDAPControl **sctrls,
                                 LDAPControl **cctrls) {
    STUB_ENTER();
    (void)ld;
    (void)msgid;
    (void)sctrls;
    (void)cctrls;
    return LDAP_NOT_SUPPORTED;
}

STUB_EXPORT int ldap_unbind_ext(LDAP *ld, LDAPControl **sctrls, LDAPControl **cctrls) {
    STUB_ENTER();
    (void)ld;
    (void)sctrls;
    (void)cctrls;
    return LDAP_NOT_SUPPORTED;
}

/*
 * libgssapi_krb5.so.2 stand-in (symbol version gssapi_krb5_2_MIT).
 * Safe: libcurl calls gss_* only for HTTP Negotiate when CURLOPT_(PROXY)HTTPAUTH picks it,
 * SOCKS5 GSS-API, Kerberos FTP and SASL GSSAPI; we set no auth (Basic by default),
 * CURLOPT_PROXY "" and CURLOPT_PROTOCOLS_STR "http,https", so none of those run.
 */
#include "stub.h"

typedef unsigned int OM_uint32;
typedef struct gss_buffer_desc_struct {
    stub_size length;
    void *value;
} gss_buffer_desc;
typedef void *gss_opaque; /* gss_name_t, gss_ctx_id_t, gss_cred_id_t, gss_OID, ... */

#define GSS_S_COMPLETE 0u
#define GSS_S_FAILURE (13u << 16)

/* MIT exports this name type as a pointer variable; nothing can use a NULL one. */
STUB_EXPORT gss_opaque GSS_C_NT_HOSTBASED_SERVICE = 0;

static OM_uint32 fail(OM_uint32 *minor) {
    if (minor) *minor = 0;
    return GSS_S_FAILURE;
}

static void empty(gss_buffer_desc *buffer) {
    if (buffer) {
        buffer->length = 0;
        buffer->value = 0;
    }
}

STUB_EXPORT OM_uint32 gss_import_name(OM_uint32 *minor, gss_buffer_desc *name_buffer,
                                      gss_opaque name_type, gss_opaque *output_name) {
    STUB_ENTER();
    (void)name_buffer;
    (void)name_type;
    if (output_name) *output_name = 0;
    return fail(minor);
}

STUB_EXPORT OM_uint32 gss_display_name(OM_uint32 *minor, gss_opaque name,
                                       gss_buffer_desc *output, gss_opaque *output_type) {
    STUB_ENTER();
    (void)name;
    empty(output);
    if (output_type) *output_type = 0;
    return fail(minor);
}

STUB_EXPORT OM_uint32 gss_display_status(OM_uint32 *minor, OM_uint32 status_value,
                                         int status_type, gss_opaque mech_type,
                                         OM_uint32 *message_context,
                                         gss_buffer_desc *status_string) {
    STUB_ENTER();
    (void)status_value;
    (void)status_type;
    (void)mech_type;
    if (message_context) *message_context = 0;
    empty(status_string);
    return fail(minor);
}

STUB_EXPORT OM_uint32 gss_init_sec_context(
    OM_uint32 *minor, gss_opaque claimant_cred, gss_opaque *context, gss_opaque target_name,
    gss_opaque mech_type, OM_uint32 req_flags, OM_uint32 time_req, gss_opaque bindings,
    gss_buffer_desc *input_token, gss_opaque *actual_mech_type, gss_buffer_desc *output_token,
    OM_uint32 *ret_flags, OM_uint32 *time_rec) {
    STUB_ENTER();
    (void)claimant_cred;
    (void)context; /* left as given: the caller still owns whatever it holds */
    (void)target_name;
    (void)mech_type;
    (void)req_flags;
    (void)time_req;
    (void)bindings;
    (void)input_token;
    if (actual_mech_type) *actual_mech_type = 0;
    empty(output_token);
    if (ret_flags) *ret_flags = 0;
    if (time_rec) *time_rec = 0;
    return fail(minor);
}

STUB_EXPORT OM_uint32 gss_inquire_context(OM_uint32 *minor, gss_opaque context,
                                          gss_opaque *src_name, gss_opaque *targ_name,
                                          OM_uint32 *lifetime_rec, gss_opaque *mech_type,
                                          OM_uint32 *ctx_flags, int *locally_initiated,
                                          int *open) {
    STUB_ENTER();
    (void)context;
    if (src_name) *src_name = 0;
    if (targ_name) *targ_name = 0;
    if (lifetime_rec) *lifetime_rec = 0;
    if (mech_type) *mech_type = 0;
    if (ctx_flags) *ctx_flags = 0;
    if (locally_initiated) *locally_initiated = 0;
    if (open) *open = 0;
    return fail(minor);
}

STUB_EXPORT OM_uint32 gss_wrap(OM_uint32 *minor, gss_opaque context, int conf_req_flag,
                               OM_uint32 qop_req, gss_buffer_desc *input,
                               int *conf_state, gss_buffer_desc *output) {
    STUB_ENTER();
    (void)context;
    (void)conf_req_flag;
    (void)qop_req;
    (void)input;
    if (conf_state) *conf_state = 0;
    empty(output);
    return fail(minor);
}

STUB_EXPORT OM_uint32 gss_unwrap(OM_uint32 *minor, gss_opaque context, gss_buffer_desc *input,
                                 gss_buffer_desc *output, int *conf_state,
                                 OM_uint32 *qop_state) {
    STUB_ENTER();
    (void)context;
    (void)input;
    empty(output);
    if (conf_state) *conf_state = 0;
    if (qop_state) *qop_state = 0;
    return fail(minor);
}

/* The release functions have nothing to release: no stub ever hands out a resource. */
STUB_EXPORT OM_uint32 gss_delete_sec_context(OM_uint32 *minor, gss_opaque *context,
                                             gss_buffer_desc *output_token) {
    STUB_ENTER();
    if (context) *context = 0;
    empty(output_token);
    if (minor) *minor = 0;
    return GSS_S_COMPLETE;
}

STUB_EXPORT OM_uint32 gss_release_buffer(OM_uint32 *minor, gss_buffer_desc *buffer) {
    STUB_ENTER();
    empty(buffer);
    if (minor) *minor = 0;
    return GSS_S_COMPLETE;
}

STUB_EXPORT OM_uint32 gss_release_name(OM_uint32 *minor, gss_opaque *name) {
    STUB_ENTER();
    if (name) *name = 0;
    if (minor) *minor = 0;
    return GSS_S_COMPLETE;
}

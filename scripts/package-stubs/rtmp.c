/*
 * librtmp.so.1 stand-in.
 * Safe: libcurl calls RTMP_* only from its rtmp/rtmpe/rtmps/rtmpt protocol handlers, and
 * CURLOPT_PROTOCOLS_STR "http,https" rejects those schemes before any handler runs.
 */
#include "stub.h"

typedef struct RTMP RTMP;

STUB_EXPORT RTMP *RTMP_Alloc(void) {
    STUB_ENTER();
    return 0; /* libcurl maps this to CURLE_OUT_OF_MEMORY */
}

STUB_EXPORT void RTMP_Init(RTMP *r) {
    STUB_ENTER();
    (void)r;
}

STUB_EXPORT void RTMP_Free(RTMP *r) {
    STUB_ENTER();
    (void)r;
}

STUB_EXPORT void RTMP_Close(RTMP *r) {
    STUB_ENTER();
    (void)r;
}

STUB_EXPORT void RTMP_SetBufferMS(RTMP *r, int size) {
    STUB_ENTER();
    (void)r;
    (void)size;
}

/* The int results below are librtmp's booleans: 0 is failure. */
STUB_EXPORT int RTMP_SetupURL(RTMP *r, char *url) {
    STUB_ENTER();
    (void)r;
    (void)url;
    return 0;
}

STUB_EXPORT int RTMP_Connect1(RTMP *r, void *packet) {
    STUB_ENTER();
    (void)r;
    (void)packet;
    return 0;
}

STUB_EXPORT int RTMP_ConnectStream(RTMP *r, int seek_time) {
    STUB_ENTER();
    (void)r;
    (void)seek_time;
    return 0;
}

/* Byte counts: negative is an error. */
STUB_EXPORT int RTMP_Read(RTMP *r, char *buffer, int size) {
    STUB_ENTER();
    (void)r;
    (void)buffer;
    (void)size;
    return -1;
}

STUB_EXPORT int RTMP_Write(RTMP *r, const char *buffer, int size) {
    STUB_ENTER();
    (void)r;
    (void)buffer;
    (void)size;
    return -1;
}

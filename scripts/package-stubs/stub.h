/*
 * Shared by the stub libraries. A stub stands in for a library that Debian's libcurl links
 * but never calls for http(s) with our options; each function fails without touching memory
 * it was not given, so an accidental call ends in a libcurl error, never a crash or a fake
 * success. The stubs link without libc (-nostdlib), so they add no symbol versions at all.
 *
 * scripts/package.sh builds them a second time with -DSTUB_TRAP for its own test run: then
 * every entry point executes a trap instruction, and a run that reaches one dies of SIGILL.
 */
#ifndef PACKAGE_STUB_H
#define PACKAGE_STUB_H

#ifdef STUB_TRAP
#define STUB_ENTER() __builtin_trap()
#else
#define STUB_ENTER() ((void)0)
#endif

#define STUB_EXPORT __attribute__((visibility("default")))

typedef __SIZE_TYPE__ stub_size;

#endif

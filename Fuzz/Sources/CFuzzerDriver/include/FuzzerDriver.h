#ifndef FUZZER_DRIVER_H
#define FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry point for programs that keep their own main (compiler-rt FuzzerDriver.cpp).
// SwiftPM names an executable's entry point after its module, so libFuzzer's main cannot be
// used; each target's main calls this instead.
int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*callback)(const uint8_t *data, size_t size));

#endif

// The declaration in include/FuzzerDriver.h is all this module offers; libFuzzer defines it.
#include "FuzzerDriver.h"

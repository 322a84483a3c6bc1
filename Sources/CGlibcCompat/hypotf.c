// glibc 2.35 gave `hypot` and `hypotf` new symbol versions, and the static Swift runtime,
// built against a newer glibc, references `hypotf@GLIBC_2.35`. Amazon Linux 2023 ships
// glibc 2.34, where such a binary fails to load. This definition wins at static link time.
// It calls nothing versioned: float squares are exact in double and cannot overflow there,
// so one double square root rounded to float is accurate to float precision.
#include <math.h>

#include "CGlibcCompat.h"

float hypotf(float x, float y) {
    // C17 F.10.4.3: an infinite argument gives +inf even when the other is NaN.
    if (isinf(x) || isinf(y)) {
        return INFINITY;
    }
    double wideX = (double)x;
    double wideY = (double)y;
    return (float)__builtin_sqrt(wideX * wideX + wideY * wideY);
}

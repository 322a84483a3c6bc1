// Symbols the statically linked Swift runtime needs from glibc at a newer symbol version
// than Amazon Linux 2023 (glibc 2.34) exports. Defining them in the executable lets the
// static linker resolve the runtime's references here instead of to versioned libm symbols.
#ifndef CGLIBCCOMPAT_H
#define CGLIBCCOMPAT_H

/// Euclidean distance in single precision; replaces `hypotf@GLIBC_2.35`.
float hypotf(float x, float y);

#endif

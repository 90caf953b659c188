#pragma once
// An invariant a fuzz target asserts. Not `assert`: release builds define NDEBUG, and a broken
// invariant must stop the fuzzer in every build so the input is saved as a crash.

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

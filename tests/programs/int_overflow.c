/* __builtin_*_overflow on signed/unsigned 32/64-bit and mixed operand types. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static const int64_t vals[] = {0, 1, -1, 2, -2, 46341, -46341, 65536, INT32_MAX, INT32_MIN,
                               (int64_t)UINT32_MAX, 3037000500LL, -3037000500LL, INT64_MAX,
                               INT64_MIN, INT64_MAX / 2 + 1, 0x7fffffff00000000LL};

#define N (sizeof vals / sizeof vals[0])

static volatile int64_t va, vb;

int main(void)
{
    unsigned long h = 0;
    for (size_t i = 0; i < N; i++) {
        for (size_t j = 0; j < N; j++) {
            va = vals[i];
            vb = vals[j];
            int64_t a = va, b = vb;
            int64_t s64;
            uint64_t u64;
            int32_t s32;
            uint32_t u32;
            int o1 = __builtin_add_overflow(a, b, &s64);
            int o2 = __builtin_sub_overflow(a, b, &u64);
            int o3 = __builtin_mul_overflow(a, b, &s64);
            int64_t m = s64;
            int o4 = __builtin_mul_overflow((uint64_t)a, (uint64_t)b, &u64);
            int o5 = __builtin_add_overflow((int32_t)a, (int32_t)b, &s32);
            int o6 = __builtin_mul_overflow((int32_t)a, (int32_t)b, &s32);
            int o7 = __builtin_sub_overflow((uint32_t)a, (uint32_t)b, &u32);
            int o8 = __builtin_mul_overflow((uint32_t)a, (uint32_t)b, &u32);
            int o9 = __builtin_add_overflow(a, (uint64_t)b, &s32);
            printf("%ld %ld: %d%d%d%d%d%d%d%d%d m=%ld um=%lu s32=%d u32=%u\n", a, b, o1, o2, o3, o4,
                   o5, o6, o7, o8, o9, m, u64, s32, u32);
            h = h * 131 + (uint64_t)(o1 + 2 * o2 + 4 * o3 + 8 * o4 + 16 * o5 + 32 * o6 + 64 * o7 +
                                     128 * o8 + 256 * o9) +
                (uint64_t)m + u64 + (uint32_t)s32 + u32;
        }
    }
    printf("overflow hash %lu\n", h);
    return 0;
}

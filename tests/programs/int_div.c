/* Signed/unsigned 32- and 64-bit division and remainder over edge values.
 * INT_MIN / -1 is undefined in C: it is computed the defined way (negate in unsigned). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

static const int32_t s32[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 100, -100, 65535, -65536,
                              INT32_MAX, INT32_MIN, INT32_MAX - 1, INT32_MIN + 1, 0x12345678};
static const int64_t s64[] = {0, 1, -1, 2, -2, 3, -3, 7, -7, 1000000007, -1000000007,
                              INT32_MAX, INT32_MIN, (int64_t)UINT32_MAX, INT64_MAX, INT64_MIN,
                              INT64_MAX - 1, INT64_MIN + 1, 0x123456789abcdefLL};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* volatile keeps the compiler from folding the divisions at -O2. */
static volatile int32_t va32, vb32;
static volatile int64_t va64, vb64;

static void div32(void)
{
    unsigned long h = 0;
    for (size_t i = 0; i < N(s32); i++) {
        for (size_t j = 0; j < N(s32); j++) {
            va32 = s32[i];
            vb32 = s32[j];
            int32_t a = va32, b = vb32;
            if (b == 0)
                continue;
            int32_t q, r;
            if (a == INT32_MIN && b == -1) {
                q = (int32_t)(0u - (uint32_t)a);
                r = 0;
            } else {
                q = a / b;
                r = a % b;
            }
            uint32_t uq = (uint32_t)a / (uint32_t)b, ur = (uint32_t)a % (uint32_t)b;
            printf("32 %d %d: q=%d r=%d uq=%u ur=%u\n", a, b, q, r, uq, ur);
            h = h * 31 + (uint32_t)q + ur;
        }
    }
    printf("div32 hash %lu\n", h);
}

static void div64(void)
{
    unsigned long h = 0;
    for (size_t i = 0; i < N(s64); i++) {
        for (size_t j = 0; j < N(s64); j++) {
            va64 = s64[i];
            vb64 = s64[j];
            int64_t a = va64, b = vb64;
            if (b == 0)
                continue;
            int64_t q, r;
            if (a == INT64_MIN && b == -1) {
                q = (int64_t)(0ull - (uint64_t)a);
                r = 0;
            } else {
                q = a / b;
                r = a % b;
            }
            uint64_t uq = (uint64_t)a / (uint64_t)b, ur = (uint64_t)a % (uint64_t)b;
            printf("64 %ld %ld: q=%ld r=%ld uq=%lu ur=%lu\n", a, b, q, r, uq, ur);
            h = h * 31 + (uint64_t)q + ur;
        }
    }
    printf("div64 hash %lu\n", h);
}

/* Division by constants becomes multiply-high sequences at -O2 (umulxhi-free on v9: mulx + shifts). */
static void div_const(void)
{
    unsigned long h = 0;
    for (int64_t x = -100000; x <= 100000; x += 7) {
        h = h * 17 + (uint64_t)(x / 3) + (uint64_t)(x % 7) + (uint64_t)(x / 10) + (uint64_t)(x % 1000);
        uint32_t u = (uint32_t)x;
        h += u / 3u + u % 10u + (uint64_t)x / 1000000007u;
    }
    printf("divconst hash %lu\n", h);
}

int main(void)
{
    div32();
    div64();
    div_const();
    return 0;
}

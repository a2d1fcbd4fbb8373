/* float and double + - * / sqrt over special values (zeros, denormals, inf, NaN), conversions
 * both ways, NaN comparisons and the accrued exception flags. Results print as raw bits, so
 * NaN payloads and signs (SPARC's default NaN) must match exactly. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static const double dv[] = {0.0, -0.0, 1.0, -1.0, 0.1, 3.0, -2.5, 1e308, -1e308, 4.9e-324,
                            2.2250738585072014e-308, 1e-300, 123456789.123, INFINITY, -INFINITY,
                            NAN};
static const float fv[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.1f, 3.0f, -2.5f, 3e38f, -3e38f, 1.4e-45f,
                           1.17549435e-38f, 16777217.0f, INFINITY, -INFINITY, NAN};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static volatile double vda, vdb;
static volatile float vfa, vfb;

static void doubles(void)
{
    for (size_t i = 0; i < N(dv); i++) {
        for (size_t j = 0; j < N(dv); j++) {
            vda = dv[i];
            vdb = dv[j];
            double a = vda, b = vdb;
            printf("d %016lx %016lx: %016lx %016lx %016lx %016lx %d%d%d%d%d%d\n", dbits(a),
                   dbits(b), dbits(a + b), dbits(a - b), dbits(a * b), dbits(a / b), a < b,
                   a <= b, a == b, a != b, a > b, isunordered(a, b));
        }
        vda = dv[i];
        printf("dsqrt %016lx: %016lx\n", dbits(vda), dbits(sqrt(vda)));
    }
}

static void floats(void)
{
    for (size_t i = 0; i < N(fv); i++) {
        for (size_t j = 0; j < N(fv); j++) {
            vfa = fv[i];
            vfb = fv[j];
            float a = vfa, b = vfb;
            printf("f %08x %08x: %08x %08x %08x %08x %d%d%d%d%d%d\n", fbits(a), fbits(b),
                   fbits(a + b), fbits(a - b), fbits(a * b), fbits(a / b), a < b, a <= b, a == b,
                   a != b, a > b, isunordered(a, b));
        }
        vfa = fv[i];
        printf("fsqrt %08x: %08x\n", fbits(vfa), fbits(sqrtf(vfa)));
    }
}

static void conversions(void)
{
    /* Out-of-range and NaN conversions are UB in C; SPARC's fdtoi/fdtox saturate. */
    const double src[] = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 2147483647.0, 2147483648.0,
                          -2147483649.0, 4294967295.0, 9.2233720368547758e18, -9.3e18, 1e30,
                          INFINITY, NAN, 18446744073709549568.0};
    for (size_t i = 0; i < N(src); i++) {
        vda = src[i];
        double d = vda;
        float f = (float)d;
        int32_t i32 = (int32_t)d;
        int64_t i64 = (int64_t)d;
        uint32_t u32 = (d >= 0 && d < 4294967296.0) ? (uint32_t)d : 0;
        uint64_t u64 = (d >= 0 && d < 18446744073709551616.0) ? (uint64_t)d : 0;
        printf("conv %016lx: f=%08x i32=%d i64=%ld u32=%u u64=%lu fi=%d fl=%ld\n", dbits(d),
               fbits(f), i32, i64, u32, u64, (int32_t)f, (int64_t)f);
    }
    const int64_t ints[] = {0, 1, -1, 16777217, 9007199254740993LL, INT64_MAX, INT64_MIN,
                            2147483647, -2147483647 - 1};
    for (size_t i = 0; i < N(ints); i++) {
        volatile int64_t v = ints[i];
        int64_t x = v;
        uint64_t ux = (uint64_t)x;
        printf("toF %ld: d=%016lx f=%08x ud=%016lx uf=%08x i32d=%016lx i32f=%08x\n", x,
               dbits((double)x), fbits((float)x), dbits((double)ux), fbits((float)ux),
               dbits((double)(int32_t)x), fbits((float)(int32_t)x));
    }
    for (size_t i = 0; i < N(fv); i++) {
        vfa = fv[i];
        printf("f2d %08x: %016lx\n", fbits(vfa), dbits((double)vfa));
    }
}

static void flags(void)
{
    struct {
        const char *name;
        double a, b;
        char op;
    } cases[] = {{"inexact", 1.0, 3.0, '/'}, {"divzero", 1.0, 0.0, '/'},
                 {"invalid", 0.0, 0.0, '/'}, {"overflow", 1e308, 10.0, '*'},
                 {"underflow", 1e-308, 1e-10, '*'}, {"exact", 1.0, 4.0, '/'}};
    for (size_t i = 0; i < N(cases); i++) {
        feclearexcept(FE_ALL_EXCEPT);
        vda = cases[i].a;
        vdb = cases[i].b;
        volatile double r = cases[i].op == '/' ? vda / vdb : vda * vdb;
        (void)r;
        int e = fetestexcept(FE_ALL_EXCEPT);
        printf("flags %s: inexact=%d divbyzero=%d invalid=%d overflow=%d underflow=%d\n",
               cases[i].name, !!(e & FE_INEXACT), !!(e & FE_DIVBYZERO), !!(e & FE_INVALID),
               !!(e & FE_OVERFLOW), !!(e & FE_UNDERFLOW));
    }
}

int main(void)
{
    doubles();
    floats();
    conversions();
    flags();
    return 0;
}

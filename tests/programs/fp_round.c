/* IEEE rounding modes via fesetround (SPARC FSR.RD): arithmetic, sqrt, conversions and
 * rint/nearbyint/lrint in each mode. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static volatile double va, vb;
static volatile float vfa, vfb;

static void run(const char *name, int mode)
{
    if (fesetround(mode) != 0) {
        printf("%s: fesetround failed\n", name);
        return;
    }
    printf("%s: fegetround matches %d\n", name, fegetround() == mode);
    const double as[] = {1.0, -1.0, 2.0, 1e16, -7.0};
    const double bs[] = {3.0, 3.0, 7.0, 3.0, 1e-300};
    for (int i = 0; i < 5; i++) {
        va = as[i];
        vb = bs[i];
        printf("  %a / %a = %a  * = %a  + = %a  - = %a\n", va, vb, va / vb, va * vb, va + vb,
               va - vb);
        vfa = (float)as[i];
        vfb = (float)bs[i];
        printf("  f %a / %a = %a  sqrt %a\n", (double)vfa, (double)vfb, (double)(vfa / vfb),
               (double)sqrtf(vfa < 0 ? -vfa : vfa));
    }
    va = 2.0;
    printf("  sqrt(2) = %a  sqrt(3) = %a\n", sqrt(va), sqrt(va + 1));
    const double r[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, -2.6, 1e15 + 0.5};
    for (int i = 0; i < 9; i++) {
        va = r[i];
        printf("  %g: rint %g nearbyint %g lrint %ld llrint %lld trunc-cast %d\n", va, rint(va),
               nearbyint(va), lrint(va), llrint(va), (int)va);
    }
    volatile int64_t big = 9007199254740993LL; /* 2^53 + 1: not representable */
    printf("  (double)(2^53+1) = %a  (float)16777217 = %a\n", (double)big,
           (double)(float)(int32_t)16777217);
    va = 1.0000001;
    printf("  (float)1.0000001 = %a\n", (double)(float)va);
}

int main(void)
{
    run("nearest", FE_TONEAREST);
    run("zero", FE_TOWARDZERO);
    run("up", FE_UPWARD);
    run("down", FE_DOWNWARD);
    fesetround(FE_TONEAREST);
    return 0;
}

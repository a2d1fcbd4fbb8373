/* libm: sin/cos/tan/exp/log/pow/fmod and friends over a grid of arguments, printed exactly. */
#include <math.h>
#include <stdio.h>

static volatile double vx, vy;

int main(void)
{
    const double xs[] = {0.0, -0.0, 1e-10, 0.5, 1.0, -1.0, 2.0, 3.14159265358979, 10.0, -33.3,
                         100.0, 1e6, 1e22, 710.0, -745.0, INFINITY, NAN};
    const int n = (int)(sizeof xs / sizeof xs[0]);
    for (int i = 0; i < n; i++) {
        vx = xs[i];
        double x = vx;
        printf("x=%a sin %a cos %a tan %a\n", x, sin(x), cos(x), tan(x));
        printf("  exp %a log %a log10 %a log2 %a\n", exp(x), log(x), log10(x), log2(x));
        printf("  atan %a sinh %a tanh %a cbrt %a\n", atan(x), sinh(x), tanh(x), cbrt(x));
        printf("  floor %a ceil %a round %a trunc %a\n", floor(x), ceil(x), round(x), trunc(x));
        int e;
        double m = frexp(x, &e);
        printf("  frexp %a %d ldexp %a expm1 %a log1p %a\n", m, e, ldexp(x, 3), expm1(x),
               log1p(x));
        float xf = (float)x;
        printf("  sinf %a expf %a logf %a\n", (double)sinf(xf), (double)expf(xf),
               (double)logf(xf));
    }
    for (int i = 0; i < n; i += 2) {
        for (int j = 1; j < n; j += 3) {
            vx = xs[i];
            vy = xs[j];
            printf("pow(%a,%a)=%a fmod=%a atan2=%a hypot=%a remainder=%a\n", vx, vy, pow(vx, vy),
                   fmod(vx, vy), atan2(vx, vy), hypot(vx, vy), remainder(vx, vy));
        }
    }
    double s = 0;
    for (int k = 1; k <= 2000; k++) {
        vx = k * 0.001;
        s += sin(vx) * exp(-vx) + log(vx + 1) - pow(vx, 1.5) + fmod(vx * 7, 1.3);
    }
    printf("sum %.17g\n", s);
    return 0;
}

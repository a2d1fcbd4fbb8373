/* printf of floats: %f %e %g %a with widths/precisions over large, small, special values. */
#include <float.h>
#include <math.h>
#include <stdio.h>

int main(void)
{
    const double vs[] = {0.0, -0.0, 1.0, -1.0, 0.1, 1.0 / 3, 2.0 / 3, 123.456, 1e-5, 1e-300,
                         4.9e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e21, 1e22,
                         123456789012345678.0, 0.5, 1.5, 2.5, 1e100, -9.87654321e-123, M_PI,
                         INFINITY, -INFINITY, NAN};
    const int n = (int)(sizeof vs / sizeof vs[0]);
    for (int i = 0; i < n; i++) {
        double v = vs[i];
        printf("%%f=%f %%e=%e %%g=%g %%a=%a\n", v, v, v, v);
        printf("  %%.0f=%.0f %%.3e=%.3e %%.17g=%.17g %%.3a=%.3a\n", v, v, v, v);
        printf("  [%12.4f] [%-12.2e] [%+g] [% g] [%#g] [%010.3f] [%#.0e]\n", v, v, v, v, v, v, v);
        printf("  %%Lf=%Lf %%Le=%.25Le\n", (long double)v, (long double)v);
    }
    printf("%.40f\n", 0.1);
    printf("%.60e\n", 1e-300);
    printf("%f\n", 1e300);
    printf("%.20g %.20g\n", (double)FLT_MAX, (double)FLT_MIN);
    float f = 0.1f;
    printf("float %f %e %g %a\n", f, f, f, f);
    return 0;
}

/* Varargs: a hand-written vprintf-like formatter pulling int, long, double, char* and
 * unsigned values with va_arg, va_copy, and va_list forwarded to vsnprintf/vfprintf. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Format letters: i=int, l=long, u=unsigned, d=double, s=string, c=char. */
static unsigned long mini_format(char *out, size_t cap, const char *spec, va_list ap)
{
    unsigned long h = 0;
    size_t len = 0;
    out[0] = 0;
    for (const char *p = spec; *p; p++) {
        char tmp[64];
        switch (*p) {
        case 'i': {
            int v = va_arg(ap, int);
            snprintf(tmp, sizeof tmp, "i%d ", v);
            h = h * 31 + (unsigned)v;
            break;
        }
        case 'l': {
            long v = va_arg(ap, long);
            snprintf(tmp, sizeof tmp, "l%ld ", v);
            h = h * 31 + (unsigned long)v;
            break;
        }
        case 'u': {
            unsigned v = va_arg(ap, unsigned);
            snprintf(tmp, sizeof tmp, "u%u ", v);
            h = h * 31 + v;
            break;
        }
        case 'd': {
            double v = va_arg(ap, double);
            snprintf(tmp, sizeof tmp, "d%.17g ", v);
            h = h * 31 + (unsigned long)(long)(v * 1000);
            break;
        }
        case 's': {
            const char *v = va_arg(ap, const char *);
            snprintf(tmp, sizeof tmp, "s'%s' ", v);
            h = h * 31 + strlen(v);
            break;
        }
        case 'c': {
            int v = va_arg(ap, int);
            snprintf(tmp, sizeof tmp, "c%c ", v);
            h = h * 31 + (unsigned)v;
            break;
        }
        default:
            snprintf(tmp, sizeof tmp, "? ");
        }
        size_t n = strlen(tmp);
        if (len + n < cap) {
            memcpy(out + len, tmp, n + 1);
            len += n;
        }
    }
    return h;
}

static void show(const char *spec, ...)
{
    char a[512], b[512];
    va_list ap, ap2;
    va_start(ap, spec);
    va_copy(ap2, ap);
    unsigned long h1 = mini_format(a, sizeof a, spec, ap);
    unsigned long h2 = mini_format(b, sizeof b, spec, ap2);
    va_end(ap2);
    va_end(ap);
    printf("%s| %lu %s\n", a, h1, (h1 == h2 && strcmp(a, b) == 0) ? "copy-ok" : "copy-BAD");
}

static int my_printf(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    printf("[%d] %s", n, buf);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

static double sum_doubles(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++)
        s += va_arg(ap, double);
    va_end(ap);
    return s;
}

int main(void)
{
    show("i", 42);
    show("idl", -7, 2.5, 1234567890123L);
    show("dddddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    show("ldldldldld", 1L, 0.1, -2L, 0.2, 3L, 0.3, -4L, 0.4, 5L, 0.5);
    show("sicudsl", "hello", -1, 'Z', 4000000000u, -0.0, "world", -9223372036854775807L - 1);
    show("iiiiiiiiiiiiiiii", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
    my_printf("%d %ld %f %s %c %x %e\n", 1, -2L, 3.25, "four", '5', 0xbeef, 6e66);
    my_printf("%5.2f|%-8d|%08.3e|%+ld\n", 3.14159, -42, 0.000123, 99L);
    printf("sum %.17g\n", sum_doubles(10, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0));
    return 0;
}

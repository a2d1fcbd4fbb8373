namespace Niagara.Strands.Tests.Disassembly;

/// <summary>
/// The C program the golden disassembly test compiles (static, so glibc's code comes along):
/// integer, FP, 128-bit, atomic, switch-table, varargs and setjmp code in one small file.
/// Kept as a string so the test needs no path into the source tree.
/// </summary>
public static class GoldenProgram
{
    public const string Source = """
        #include <math.h>
        #include <setjmp.h>
        #include <stdarg.h>
        #include <stdint.h>
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>

        static jmp_buf jump;
        static volatile long shared;

        static long sum(int count, ...)
        {
            va_list args;
            va_start(args, count);
            long total = 0;
            for (int i = 0; i < count; i++)
                total += va_arg(args, long);
            va_end(args);
            return total;
        }

        static int classify(int c)
        {
            switch (c) {
            case 0: return 11;
            case 1: return 23;
            case 2: return 37;
            case 3: return 41;
            case 4: return 59;
            case 5: return 61;
            case 6: return 73;
            default: return -1;
            }
        }

        static __int128 widen(long a, long b) { return (__int128)a * b; }

        static void bail(int code) { longjmp(jump, code); }

        int main(int argc, char **argv)
        {
            double x = argc * 1.5, y = sqrt(x) + sin(x) * cos(x);
            float f = (float)y / 3.0f;
            long q = 1000000007L / (argc + 1), r = 1000000007L % (argc + 2);
            unsigned long u = (unsigned long)-argc >> 3;
            __int128 w = widen(q, r);
            __atomic_fetch_add(&shared, 5, __ATOMIC_SEQ_CST);
            long expected = 5;
            __atomic_compare_exchange_n(&shared, &expected, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
            char buffer[64];
            memset(buffer, 'a', sizeof buffer - 1);
            buffer[sizeof buffer - 1] = 0;
            int code = setjmp(jump);
            if (code == 0)
                bail(classify(argc));
            printf("%f %f %ld %ld %lu %ld %d %zu %ld\n", y, (double)f, q, r, u, (long)(w >> 3),
                   code, strlen(buffer), sum(3, q, r, (long)u) + shared);
            return (int)(lround(y) & 1);
        }
        """;
}

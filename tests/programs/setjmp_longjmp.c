/* setjmp/longjmp, including jumps out of deep recursion (longjmp must flush the register
 * windows: ta 3) and volatile locals that must keep their values across the jump. */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

static jmp_buf env;
static jmp_buf env2;

__attribute__((noinline)) static uint64_t dive(int n, int at)
{
    if (n == at)
        longjmp(env, n + 1);
    if (n > 1000000) /* never: gives the recursion a returning path */
        return 0;
    uint64_t r = dive(n + 1, at);
    __asm__ volatile("" : "+r"(r));
    return r + (uint64_t)n;
}

__attribute__((noinline)) static void thrower(int code)
{
    longjmp(env2, code);
}

/* longjmp(env, 0) makes setjmp return 1. */
__attribute__((noinline)) static int zero_jump(void)
{
    jmp_buf local;
    int v = setjmp(local);
    if (v == 0)
        longjmp(local, 0);
    return v;
}

int main(void)
{
    const int depths[] = {0, 1, 7, 8, 9, 63, 500, 5000};
    /* static: a local loop index could be clobbered by the longjmp. */
    static unsigned i;
    for (i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        volatile int counter = 100 + (int)i;
        int v = setjmp(env);
        if (v == 0) {
            counter++;
            dive(0, depths[i]);
            printf("not reached\n");
        } else {
            printf("depth %d: setjmp returned %d, counter %d\n", depths[i], v, counter);
        }
    }
    volatile int rounds = 0;
    int code = setjmp(env2);
    printf("round %d code %d\n", rounds, code);
    if (rounds < 5) {
        rounds++;
        thrower(rounds * 11);
    }
    printf("zero_jump -> %d\n", zero_jump());

    sigjmp_buf senv;
    volatile double d = 1.5;
    int s = sigsetjmp(senv, 0);
    if (s == 0) {
        d *= 3;
        siglongjmp(senv, 9);
    }
    printf("siglongjmp %d d=%g\n", s, d);
    return 0;
}

/* Deep recursion: chains of more than 10000 frames force register-window spills and fills
 * (the window traps), plus Ackermann and naive fib for many shallow spill/fill cycles. */
#include <stdint.h>
#include <stdio.h>

/* The empty asm after each call keeps gcc -O2 from turning the recursion into a loop. */
#define KEEP(x) __asm__ volatile("" : "+r"(x))

__attribute__((noinline)) static uint64_t chain(uint64_t n, uint64_t acc)
{
    if (n == 0)
        return acc;
    uint64_t r = chain(n - 1, acc * 6364136223846793005ull + n);
    KEEP(r);
    return r ^ (n << 7);
}

/* A frame with locals that live across the call: they must survive spill and fill. */
__attribute__((noinline)) static uint64_t chain_locals(int n)
{
    volatile uint64_t a = (uint64_t)n * 3, b = (uint64_t)n * 5, c = (uint64_t)n * 7;
    if (n == 0)
        return 1;
    uint64_t r = chain_locals(n - 1);
    KEEP(r);
    return r * 31 + a + b + c;
}

__attribute__((noinline)) static int is_odd(int n);

__attribute__((noinline)) static int is_even(int n)
{
    if (n == 0)
        return 1;
    int r = is_odd(n - 1);
    KEEP(r);
    return r;
}

__attribute__((noinline)) static int is_odd(int n)
{
    if (n == 0)
        return 0;
    int r = is_even(n - 1);
    KEEP(r);
    return r;
}

__attribute__((noinline)) static uint64_t ackermann(uint64_t m, uint64_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ackermann(m - 1, 1);
    uint64_t inner = ackermann(m, n - 1);
    KEEP(inner);
    return ackermann(m - 1, inner);
}

__attribute__((noinline)) static uint64_t fib(int n)
{
    if (n < 2)
        return (uint64_t)n;
    uint64_t a = fib(n - 1);
    KEEP(a);
    return a + fib(n - 2);
}

static int max_depth;

/* Records the deepest level reached, then unwinds through every frame. */
__attribute__((noinline)) static int depth(int n, int limit)
{
    if (n > max_depth)
        max_depth = n;
    if (n == limit)
        return n;
    int r = depth(n + 1, limit);
    KEEP(r);
    return r;
}

int main(void)
{
    printf("chain(15000) = %lu\n", chain(15000, 1));
    printf("chain_locals(12000) = %lu\n", chain_locals(12000));
    printf("is_even(20001) = %d\n", is_even(20001));
    printf("depth = %d max %d\n", depth(0, 20000), max_depth);
    for (uint64_t m = 0; m <= 3; m++)
        for (uint64_t n = 0; n <= 5; n++)
            printf("ack(%lu,%lu) = %lu\n", m, n, ackermann(m, n));
    printf("ack(2,300) = %lu\n", ackermann(2, 300));
    for (int i = 0; i <= 24; i += 4)
        printf("fib(%d) = %lu\n", i, fib(i));
    return 0;
}

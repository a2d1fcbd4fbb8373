/* __int128 multiply, divide, remainder and shifts (libgcc __multi3/__divti3/__udivti3/__modti3). */
#include <stdint.h>
#include <stdio.h>

typedef __int128 i128;
typedef unsigned __int128 u128;

static void put(const char *tag, u128 v)
{
    printf("%s %016lx%016lx\n", tag, (uint64_t)(v >> 64), (uint64_t)v);
}

static volatile uint64_t seed = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    uint64_t x = seed;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    seed = x;
    return x;
}

int main(void)
{
    u128 h = 0;
    for (int i = 0; i < 200; i++) {
        u128 a = ((u128)next() << 64) | next();
        u128 b = (i % 3 == 0) ? next() >> (i % 60) : ((u128)(next() >> (i % 64)) << 64) | next();
        if (b == 0)
            b = 1;
        i128 sa = (i128)a, sb = (i128)b;
        u128 prod = a * b, q = a / b, r = a % b;
        i128 sq = (sb == -1) ? -sa : sa / sb, sr = (sb == -1) ? 0 : sa % sb;
        u128 wide = (u128)(uint64_t)a * (uint64_t)b; /* 64x64 -> 128 */
        if (i < 20) {
            put("a", a);
            put("b", b);
            put("mul", prod);
            put("udiv", q);
            put("umod", r);
            put("sdiv", (u128)sq);
            put("smod", (u128)sr);
            put("wide", wide);
            put("shl", a << (i % 128));
            put("shr", a >> (i % 128));
            put("sar", (u128)(sa >> (i % 128)));
        }
        if (q * b + r != a)
            printf("identity failed at %d\n", i);
        h = h * 1000003 + prod + q + r + (u128)sq + (u128)sr + wide;
    }
    put("hash", h);
    return 0;
}

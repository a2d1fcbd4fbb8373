/*
 * Generates FPU test vectors: for each FPop, FSR rounding mode and operand pair, the result bits
 * and FSR.cexc (for compares, the fcc value) as the machine running it computes them. Run under
 * qemu-sparc64 it gives the reference data of tests/Strands.Tests/FloatVectorTests.cs.
 *
 *   sparc64-linux-gnu-gcc -static -O2 fpu_vectors.c -o /tmp/fpu_vectors
 *   qemu-sparc64 /tmp/fpu_vectors | gzip -9n > ../../Strands.Tests/Data/fpu-vectors.txt.gz
 *
 * Output, one vector per line, hex without 0x: "op rd a b result cexc" (b is 0 for one-operand
 * FPops; compares put fcc in result). All traps are disabled (FSR.TEM = 0).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t fsr_in, fsr_out;

#define BIN(name, insn, T, C)                                                           \
    static uint64_t name(uint64_t a, uint64_t b)                                        \
    {                                                                                   \
        T x, y, r;                                                                      \
        memcpy(&x, (char *)&a + 8 - sizeof(T), sizeof(T));                              \
        memcpy(&y, (char *)&b + 8 - sizeof(T), sizeof(T));                              \
        __asm__ volatile("ldx [%1], %%fsr\n\t" insn " %3, %4, %0\n\tstx %%fsr, [%2]"  \
                         : "=&" C(r) : "r"(&fsr_in), "r"(&fsr_out), C(x), C(y) : "memory"); \
        uint64_t out = 0;                                                               \
        memcpy((char *)&out + 8 - sizeof(T), &r, sizeof(T));                            \
        return out;                                                                     \
    }

#define UN(name, insn, TS, CS, TD, CD)                                                  \
    static uint64_t name(uint64_t a, uint64_t b)                                        \
    {                                                                                   \
        TS x;                                                                           \
        TD r;                                                                           \
        (void)b;                                                                        \
        memcpy(&x, (char *)&a + 8 - sizeof(TS), sizeof(TS));                            \
        __asm__ volatile("ldx [%1], %%fsr\n\t" insn " %3, %0\n\tstx %%fsr, [%2]"       \
                         : "=&" CD(r) : "r"(&fsr_in), "r"(&fsr_out), CS(x) : "memory"); \
        uint64_t out = 0;                                                               \
        memcpy((char *)&out + 8 - sizeof(TD), &r, sizeof(TD));                          \
        return out;                                                                     \
    }

#define CMP(name, insn, T, C)                                                           \
    static uint64_t name(uint64_t a, uint64_t b)                                        \
    {                                                                                   \
        T x, y;                                                                         \
        memcpy(&x, (char *)&a + 8 - sizeof(T), sizeof(T));                              \
        memcpy(&y, (char *)&b + 8 - sizeof(T), sizeof(T));                              \
        __asm__ volatile("ldx [%0], %%fsr\n\t" insn " %%fcc1, %2, %3\n\tstx %%fsr, [%1]" \
                         : : "r"(&fsr_in), "r"(&fsr_out), C(x), C(y) : "memory");       \
        return (fsr_out >> 32) & 3;                                                     \
    }

BIN(fadds, "fadds", float, "f")
BIN(fsubs, "fsubs", float, "f")
BIN(fmuls, "fmuls", float, "f")
BIN(fdivs, "fdivs", float, "f")
BIN(faddd, "faddd", double, "e")
BIN(fsubd, "fsubd", double, "e")
BIN(fmuld, "fmuld", double, "e")
BIN(fdivd, "fdivd", double, "e")
UN(fsqrts, "fsqrts", float, "f", float, "f")
UN(fsqrtd, "fsqrtd", double, "e", double, "e")
UN(fitos, "fitos", float, "f", float, "f")
UN(fitod, "fitod", float, "f", double, "e")
UN(fxtos, "fxtos", double, "e", float, "f")
UN(fxtod, "fxtod", double, "e", double, "e")
UN(fstoi, "fstoi", float, "f", float, "f")
UN(fdtoi, "fdtoi", double, "e", float, "f")
UN(fstox, "fstox", float, "f", double, "e")
UN(fdtox, "fdtox", double, "e", double, "e")
UN(fstod, "fstod", float, "f", double, "e")
UN(fdtos, "fdtos", double, "e", float, "f")
CMP(fcmps, "fcmps", float, "f")
CMP(fcmpd, "fcmpd", double, "e")
CMP(fcmpes, "fcmpes", float, "f")
CMP(fcmped, "fcmped", double, "e")

static uint64_t fsmuld(uint64_t a, uint64_t b)
{
    float x, y;
    double r;
    memcpy(&x, (char *)&a + 4, 4);
    memcpy(&y, (char *)&b + 4, 4);
    __asm__ volatile("ldx [%1], %%fsr\n\tfsmuld %3, %4, %0\n\tstx %%fsr, [%2]"
                     : "=&e"(r) : "r"(&fsr_in), "r"(&fsr_out), "f"(x), "f"(y) : "memory");
    uint64_t out;
    memcpy(&out, &r, 8);
    return out;
}

enum kind { SINGLE, DOUBLE, INT32, INT64 };

struct op {
    const char *name;
    uint64_t (*fn)(uint64_t, uint64_t);
    enum kind operand;
    int binary;   /* 1: two operands */
    int rounding; /* 1: result depends on FSR.rd (else run in one mode only) */
};

static const struct op ops[] = {
    {"fadds", fadds, SINGLE, 1, 1}, {"fsubs", fsubs, SINGLE, 1, 1},
    {"fmuls", fmuls, SINGLE, 1, 1}, {"fdivs", fdivs, SINGLE, 1, 1},
    {"faddd", faddd, DOUBLE, 1, 1}, {"fsubd", fsubd, DOUBLE, 1, 1},
    {"fmuld", fmuld, DOUBLE, 1, 1}, {"fdivd", fdivd, DOUBLE, 1, 1},
    {"fsmuld", fsmuld, SINGLE, 1, 0},
    {"fsqrts", fsqrts, SINGLE, 0, 1}, {"fsqrtd", fsqrtd, DOUBLE, 0, 1},
    {"fitos", fitos, INT32, 0, 1}, {"fitod", fitod, INT32, 0, 0},
    {"fxtos", fxtos, INT64, 0, 1}, {"fxtod", fxtod, INT64, 0, 1},
    {"fstoi", fstoi, SINGLE, 0, 0}, {"fdtoi", fdtoi, DOUBLE, 0, 0},
    {"fstox", fstox, SINGLE, 0, 0}, {"fdtox", fdtox, DOUBLE, 0, 0},
    {"fstod", fstod, SINGLE, 0, 0}, {"fdtos", fdtos, DOUBLE, 0, 1},
    {"fcmps", fcmps, SINGLE, 1, 0}, {"fcmpd", fcmpd, DOUBLE, 1, 0},
    {"fcmpes", fcmpes, SINGLE, 1, 0}, {"fcmped", fcmped, DOUBLE, 1, 0},
};

/* Interesting values: zeros, subnormals, the normal range's ends, values next to 1 and to
 * rounding ties, infinities and NaNs (quiet and signalling, both signs, with payloads). */
static const uint32_t special_s[] = {
    0x00000000, 0x80000000, 0x00000001, 0x80000001, 0x007fffff, 0x00400000, 0x00800000, 0x80800000,
    0x00800001, 0x3f800000, 0xbf800000, 0x3f800001, 0x3f7fffff, 0x3fc00000, 0x40000000, 0x40400000,
    0x3eaaaaab, 0x4b800001, 0x7f7fffff, 0xff7fffff, 0x7f000000, 0x33800000, 0x34000000, 0x7f800000,
    0xff800000, 0x7fc00000, 0xffc00123, 0x7f800001, 0xff812345, 0x4f000000, 0xcf000000, 0x5f000000,
    0x4effffff, 0xdf000000,
};
static const uint64_t special_d[] = {
    0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x8000000000000001,
    0x000fffffffffffff, 0x0008000000000000, 0x0010000000000000, 0x8010000000000000,
    0x0010000000000001, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff0000000000001,
    0x3fefffffffffffff, 0x3ff8000000000000, 0x4000000000000000, 0x4008000000000000,
    0x3fd5555555555555, 0x4340000000000001, 0x7fefffffffffffff, 0xffefffffffffffff,
    0x7fe0000000000000, 0x3ca0000000000000, 0x3cb0000000000000, 0x7ff0000000000000,
    0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000123, 0x7ff0000000000001,
    0xfff0012345678901, 0x41e0000000000000, 0xc1e0000000000000, 0x43e0000000000000,
    0x41dfffffffffffff, 0xc3e0000000000000, 0xc1e0000000100000, 0x47efffffe0000000,
    0x47efffffefffffff, 0x36a0000000000000, 0x3810000000000000,
};
static const int64_t special_i[] = {
    0, 1, -1, 7, 16777216, 16777217, -16777217, 2147483647, -2147483647 - 1, 33554435,
    9007199254740993LL, -9007199254740993LL, 0x7fffffffffffffffLL, -0x7fffffffffffffffLL - 1,
    0x7ffffe8000000000LL, 0x0000012345678901LL,
};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Random operands: raw bit patterns, and values with exponents near each other or near the
 * ends of the range, where rounding and underflow are decided. */
static uint64_t random_operand(enum kind k)
{
    uint64_t r = next(), pick = next() % 4;
    switch (k) {
    case SINGLE:
        if (pick == 0) return (uint32_t)r;
        if (pick == 1) return (r & 0x807fffffu) | ((uint32_t)(120 + next() % 16) << 23);
        if (pick == 2) return (r & 0x807fffffu) | ((uint32_t)(next() % 6) << 23);
        return (r & 0x807fffffu) | ((uint32_t)(248 + next() % 6) << 23);
    case DOUBLE:
        if (pick == 0) return r;
        if (pick == 1) return (r & 0x800fffffffffffffULL) | ((1016 + next() % 16) << 52);
        if (pick == 2) return (r & 0x800fffffffffffffULL) | ((next() % 6) << 52);
        return (r & 0x800fffffffffffffULL) | ((2040 + next() % 6) << 52);
    case INT32:
        return pick == 0 ? (uint32_t)r : (uint32_t)(int32_t)((int64_t)r >> (next() % 32));
    default:
        return pick == 0 ? r : (uint64_t)((int64_t)r >> (next() % 64));
    }
}

static int special_count(enum kind k)
{
    return k == SINGLE ? sizeof special_s / 4 : k == DOUBLE ? sizeof special_d / 8 : sizeof special_i / 8;
}

static uint64_t special(enum kind k, int i)
{
    if (k == SINGLE) return special_s[i];
    if (k == DOUBLE) return special_d[i];
    return k == INT32 ? (uint32_t)(int32_t)special_i[i] : (uint64_t)special_i[i];
}

/* qemu 7.2's fstod does not check for exceptions, so its softfloat flags would leak into the
 * next FPop; an FPop that does check clears them first. */
static void flush_pending_flags(void)
{
    float one = 1.0f, r;
    __asm__ volatile("fadds %1, %1, %0" : "=f"(r) : "f"(one));
}

static void emit(const struct op *op, int rd, uint64_t a, uint64_t b)
{
    flush_pending_flags();
    fsr_in = (uint64_t)rd << 30;
    uint64_t r = op->fn(a, b);
    printf("%s %d %llx %llx %llx %llx\n", op->name, rd, (unsigned long long)a, (unsigned long long)b,
           (unsigned long long)r, (unsigned long long)(fsr_out & 0x1f));
}

int main(void)
{
    for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++) {
        const struct op *op = &ops[o];
        int n = special_count(op->operand), modes = op->rounding ? 4 : 1;
        int randoms = op->binary ? 300 : 400;
        for (int rd = 0; rd < modes; rd++) {
            for (int i = 0; i < n; i++) {
                if (!op->binary) {
                    emit(op, rd, special(op->operand, i), 0);
                    continue;
                }
                for (int j = 0; j < n; j++)
                    emit(op, rd, special(op->operand, i), special(op->operand, j));
            }
            for (int i = 0; i < randoms; i++) {
                uint64_t a = random_operand(op->operand);
                uint64_t b = op->binary ? random_operand(op->operand) : 0;
                /* Same-binade pairs make add/sub cancel and div/mul land on ties more often. */
                if (op->binary && (i & 3) == 1)
                    b = op->operand == SINGLE ? (b & 0x007fffffu) | (a & 0xff800000u)
                                              : (b & 0x000fffffffffffffULL) | (a & 0xfff0000000000000ULL);
                emit(op, rd, a, b);
            }
        }
    }
    return 0;
}

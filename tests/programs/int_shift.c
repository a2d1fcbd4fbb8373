/* Shifts by every amount: C shifts for amounts inside the width, and the raw SPARC
 * instructions (sll/srl/sra use the low 5 bits of the count, sllx/srlx/srax the low 6). */
#include <stdint.h>
#include <stdio.h>

static volatile int vn;

static void c_shifts(void)
{
    const uint64_t pats[] = {1, 0x8000000000000001ull, 0xfedcba9876543210ull, 0x00000000ffffffffull};
    unsigned long h = 0;
    for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
        for (int n = 0; n < 64; n++) {
            vn = n;
            int s = vn;
            uint64_t u = pats[p];
            int64_t i = (int64_t)u;
            uint64_t l = u << s, r = u >> s;
            int64_t a = i >> s;
            printf("64 %016lx %2d: %016lx %016lx %016lx\n", u, s, l, r, (uint64_t)a);
            h = h * 31 + l + r + (uint64_t)a;
            if (s < 32) {
                uint32_t u32 = (uint32_t)u;
                int32_t i32 = (int32_t)u32;
                uint32_t l32 = u32 << s, r32 = u32 >> s;
                int32_t a32 = i32 >> s;
                printf("32 %08x %2d: %08x %08x %08x\n", u32, s, l32, r32, (uint32_t)a32);
                h = h * 31 + l32 + r32 + (uint32_t)a32;
            }
        }
    }
    printf("c shifts hash %lu\n", h);
}

static void asm_shifts(void)
{
    const uint64_t pats[] = {0xfedcba9876543210ull, 0x80000000f0000001ull};
    unsigned long h = 0;
    for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++) {
        for (uint64_t n = 0; n < 130; n++) {
            uint64_t x = pats[p], sll, srl, sra, sllx, srlx, srax;
            __asm__("sll %1, %2, %0" : "=r"(sll) : "r"(x), "r"(n));
            __asm__("srl %1, %2, %0" : "=r"(srl) : "r"(x), "r"(n));
            __asm__("sra %1, %2, %0" : "=r"(sra) : "r"(x), "r"(n));
            __asm__("sllx %1, %2, %0" : "=r"(sllx) : "r"(x), "r"(n));
            __asm__("srlx %1, %2, %0" : "=r"(srlx) : "r"(x), "r"(n));
            __asm__("srax %1, %2, %0" : "=r"(srax) : "r"(x), "r"(n));
            printf("asm %016lx %3lu: %016lx %016lx %016lx %016lx %016lx %016lx\n", x, n, sll, srl,
                   sra, sllx, srlx, srax);
            h = h * 31 + sll + srl + sra + sllx + srlx + srax;
        }
    }
    printf("asm shifts hash %lu\n", h);
}

int main(void)
{
    c_shifts();
    asm_shifts();
    return 0;
}

/* CPU-bound integer kernels shared by the speed programs (crc32.c, sieve.c, matmul.c, mixed.c).
 * Integer only: they measure the simulator's integer/load/store/branch path. */
#ifndef NIAGARA_KERNELS_H
#define NIAGARA_KERNELS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The size argument, or the default when absent; exits 2 on a bad argument. */
static inline long kernel_arg(int argc, char **argv, long dflt)
{
    if (argc < 2)
        return dflt;
    char *end;
    long v = strtol(argv[1], &end, 10);
    if (*end != 0 || v <= 0) {
        fprintf(stderr, "usage: %s [positive size]\n", argv[0]);
        exit(2);
    }
    return v;
}

/* Table-driven CRC-32 (IEEE, reflected) over a pseudo-random 64 KiB buffer, `passes` times;
 * each pass chains from the previous CRC. */
static inline uint32_t crc32_run(long passes)
{
    enum { LEN = 64 * 1024 };
    static uint32_t table[256];
    static uint8_t buf[LEN];
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    uint32_t seed = 2463534242u;
    for (int i = 0; i < LEN; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        buf[i] = (uint8_t)seed;
    }
    uint32_t crc = 0;
    for (long p = 0; p < passes; p++) {
        uint32_t c = ~crc;
        for (int i = 0; i < LEN; i++)
            c = table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
        crc = ~c;
    }
    return crc;
}

/* Sieve of Eratosthenes up to `limit` (byte per number); returns the prime count and folds
 * the primes into *hash. */
static inline long sieve_run(long limit, uint64_t *hash)
{
    uint8_t *composite = calloc((size_t)limit + 1, 1);
    if (!composite) {
        fprintf(stderr, "sieve: out of memory\n");
        exit(3);
    }
    long count = 0;
    uint64_t h = 0;
    for (long i = 2; i <= limit; i++) {
        if (composite[i])
            continue;
        count++;
        h = h * 1000003u + (uint64_t)i;
        for (long j = i * i; j <= limit; j += i)
            composite[j] = 1;
    }
    free(composite);
    *hash = h;
    return count;
}

/* C = A * B for n x n int64 matrices filled by an LCG; returns a checksum of C. */
static inline uint64_t matmul_run(long n)
{
    size_t cells = (size_t)n * (size_t)n;
    int64_t *a = malloc(cells * sizeof *a), *b = malloc(cells * sizeof *b);
    int64_t *c = malloc(cells * sizeof *c);
    if (!a || !b || !c) {
        fprintf(stderr, "matmul: out of memory\n");
        exit(3);
    }
    uint64_t s = 88172645463325252ull;
    for (size_t i = 0; i < cells; i++) {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        a[i] = (int64_t)(s >> 40) - (1 << 23);
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        b[i] = (int64_t)(s >> 40) - (1 << 23);
    }
    for (long i = 0; i < n; i++) {
        for (long j = 0; j < n; j++) {
            int64_t sum = 0;
            for (long k = 0; k < n; k++)
                sum += a[i * n + k] * b[k * n + j];
            c[i * n + j] = sum;
        }
    }
    uint64_t h = 0;
    for (size_t i = 0; i < cells; i++)
        h = h * 31 + (uint64_t)c[i];
    free(a);
    free(b);
    free(c);
    return h;
}

#endif

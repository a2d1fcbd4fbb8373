/* Speed kernel: ROUNDS rounds of a small CRC-32, sieve and matmul each (about 12 million
 * instructions a round at -O2); the seeds vary per round. */
// ARGS: 1
#include "kernels.h"

int main(int argc, char **argv)
{
    long rounds = kernel_arg(argc, argv, 25);
    uint64_t total = 0;
    for (long r = 0; r < rounds; r++) {
        uint64_t sieve_hash;
        uint32_t crc = crc32_run(4 + r % 3);
        long primes = sieve_run(300000 + 1000 * r, &sieve_hash);
        uint64_t mm = matmul_run(60 + r % 5);
        printf("round %ld: crc %08x primes %ld sieve %lu matmul %lu\n", r, crc, primes, sieve_hash,
               mm);
        total = total * 31 + crc + (uint64_t)primes + sieve_hash + mm;
    }
    printf("mixed rounds %ld checksum %lu\n", rounds, total);
    return 0;
}

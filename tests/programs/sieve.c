/* Speed kernel: sieve of Eratosthenes up to LIMIT. */
// ARGS: 200000
#include "kernels.h"

int main(int argc, char **argv)
{
    long limit = kernel_arg(argc, argv, 16000000);
    uint64_t hash;
    long count = sieve_run(limit, &hash);
    printf("sieve limit %ld primes %ld hash %lu\n", limit, count, hash);
    return 0;
}

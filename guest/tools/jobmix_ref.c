/* Host program: prints the checksum workloads/jobmix.c expects (make -C guest jobmix-ref). */
#include <inttypes.h>
#include <stdio.h>
#include "../workloads/jobmix_kernels.h"

int main(void)
{
	static uint64_t results[JOBMIX_ITEMS];
	static uint8_t scratch[JOBMIX_SIEVE_MAX];
	for (uint64_t i = 0; i < JOBMIX_ITEMS; i++)
		results[i] = jobmix_run(i, scratch);
	printf("0x%016" PRIx64 "\n", jobmix_checksum(results));
	return 0;
}

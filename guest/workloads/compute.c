/*
 * compute: a compute-bound load for every strand, to measure how the simulator scales over
 * host threads (bench/, `niagara scale`). Strand k of n runs items k, k + n, k + 2n, ... of the
 * jobmix kernels (CRC-32, prime sieve, hash chain) on its own scratch buffer: no shared queue,
 * no lock. A worker reports the end with a cross-call to the boot strand, whose handler counts
 * it: mondos arrive at quantum boundaries, so unlike polling another strand's memory, nothing
 * any strand executes depends on host timing. Console output, cycles and every strand's
 * instruction count are the same on every run and with any number of host threads.
 */
#include "rt.h"
#include "jobmix_kernels.h"

#define COMPUTE_ITEMS_PER_STRAND 160
#define COMPUTE_ITEMS (COMPUTE_ITEMS_PER_STRAND * RT_MAX_STRANDS)

static uint64_t results[COMPUTE_ITEMS];
static uint8_t scratch[RT_MAX_STRANDS][JOBMIX_SIEVE_MAX];
static uint64_t items;                  /* COMPUTE_ITEMS_PER_STRAND * strands present */
static volatile uint64_t finished;      /* workers done: written by the boot strand's handler only */

static void worker_finished(const uint64_t m[8])
{
	(void)m;
	finished++;
}

static void worker(void *unused)
{
	(void)unused;
	uint64_t me = (uint64_t)rt_index_of(rt_myid());
	for (uint64_t item = me; item < items; item += (uint64_t)rt_nstrands)
		results[item] = jobmix_run(item, scratch[me]);
	if (me != 0) {
		uint64_t boot = rt_strand_ids[0];
		uint64_t mondo[8] = { (uint64_t)worker_finished };
		long status = rt_xcall(&boot, 1, mondo, NULL);
		if (status != HV_EOK)
			rt_panic("compute: cpu_mondo_send to the boot strand: %ld\n", status);
	}
}

int main(void)
{
	items = COMPUTE_ITEMS_PER_STRAND * (uint64_t)rt_nstrands;
	rt_start_others(worker, NULL);
	uint64_t t0 = rt_tick();
	worker(NULL);
	while (finished != (uint64_t)rt_nstrands - 1)
		;
	uint64_t cycles = rt_tick() - t0;

	uint64_t sum = 0xcbf29ce484222325UL;
	for (uint64_t i = 0; i < items; i++) {
		sum ^= results[i];
		sum *= 0x100000001b3UL;
	}
	printf("compute: %lu items on %d strands: checksum 0x%016lx\n", items, rt_nstrands, sum);
	printf("compute: timing: %lu cycles on the boot strand\n", cycles);
	return RT_EXIT_OK;
}

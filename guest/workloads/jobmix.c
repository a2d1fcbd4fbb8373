/*
 * jobmix: a throughput job mix. JOBMIX_ITEMS independent integer work items (CRC-32 of a
 * buffer, a prime sieve, a hash chain; jobmix_kernels.h) sit in a shared queue; every strand
 * pulls the next item with a CASX fetch-and-add until the queue is empty. The checksum folds
 * the results in item order, so it must equal the host-computed JOBMIX_EXPECTED whichever
 * strand ran which item (make -C guest jobmix-ref prints it).
 */
#include "rt.h"
#include "jobmix_kernels.h"

#define JOBMIX_EXPECTED 0xe15a95f23813dc7dUL

static volatile uint64_t next_item;
static uint64_t results[JOBMIX_ITEMS];
static uint64_t items_done[RT_MAX_STRANDS];
static uint8_t scratch[RT_MAX_STRANDS][JOBMIX_SIEVE_MAX];
static rt_barrier_t start_line;

static void worker(void *unused)
{
	(void)unused;
	uint64_t me = rt_myid();

	rt_barrier_wait(&start_line);
	for (;;) {
		uint64_t item = rt_atomic_add(&next_item, 1) - 1;
		if (item >= JOBMIX_ITEMS)
			break;
		results[item] = jobmix_run(item, scratch[me]);
		items_done[me]++;
	}
}

int main(void)
{
	rt_barrier_init(&start_line, (uint64_t)rt_nstrands);
	rt_start_others(worker, NULL);
	uint64_t t0 = rt_tick();
	worker(NULL);
	rt_join_others();
	uint64_t cycles = rt_tick() - t0;

	uint64_t done = 0, busiest = 0;
	for (int i = 0; i < rt_nstrands; i++) {
		uint64_t n = items_done[rt_strand_ids[i]];
		done += n;
		busiest = n > busiest ? n : busiest;
	}
	uint64_t sum = jobmix_checksum(results);
	printf("jobmix: %d items (crc32, sieve, hash) on %d strands: checksum 0x%016lx (expected 0x%016lx)\n",
	       JOBMIX_ITEMS, rt_nstrands, sum, JOBMIX_EXPECTED);
	printf("jobmix: %lu items done\n", done);
	printf("jobmix: timing: at most %lu items by one strand, %lu cycles on the boot strand\n", busiest,
	       cycles);
	int ok = sum == JOBMIX_EXPECTED && done == JOBMIX_ITEMS;
	printf("jobmix: %s\n", ok ? "OK" : "FAILED");
	return ok ? RT_EXIT_OK : RT_EXIT_FAILED;
}

/*
 * ialu: a compute-bound kernel for the timing model. Every strand mixes a 64-bit value with
 * shifts, xors and adds (no loads, stores or multiplies in the loop), so a strand's cycles are
 * issue slots and branch bubbles, and 4 strands on a core keep its one issue slot nearly
 * always busy (core IPC near 1). Check: strands with the same seed (id parity) agree.
 */
#include "rt.h"

#define ROUNDS 150000

static uint64_t results[RT_MAX_STRANDS];

static uint64_t mix(uint64_t x, int rounds)
{
	for (int i = 0; i < rounds; i++) {
		x ^= x << 13;
		x += 0x9e3779b97f4a7c15ull;
		x ^= x >> 7;
		x += x << 3;
		x ^= x << 17;
		x -= x >> 11;
	}
	return x;
}

static void worker(void *unused)
{
	(void)unused;
	uint64_t me = rt_myid();
	results[me] = mix(me & 1, ROUNDS);
}

int main(void)
{
	rt_start_others(worker, NULL);
	worker(NULL);
	rt_join_others();

	int bad = 0;
	for (int i = 0; i < rt_nstrands; i++)
		bad += results[rt_strand_ids[i]] != results[rt_strand_ids[i] & 1];
	printf("ialu: %d strands x %d rounds: result %lx, %d disagree\n", rt_nstrands, ROUNDS, results[0], bad);
	printf("ialu: %s\n", bad == 0 ? "OK" : "FAILED");
	return bad == 0 ? RT_EXIT_OK : RT_EXIT_FAILED;
}

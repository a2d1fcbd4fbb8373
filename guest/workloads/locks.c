/*
 * locks: lock contention. Every strand increments a shared counter ITERATIONS times under
 * one CASX spinlock, and a second counter with a lock-free CASX add. Inside the critical
 * section it also checks that nobody else is inside (owner word), so a broken lock shows up
 * as violations even if the counts happened to come out right.
 */
#include "rt.h"

#define ITERATIONS 500

static rt_lock_t lock;
static volatile uint64_t counter, atomic_counter, inside, violations;
static rt_barrier_t start_line;
static uint64_t elapsed[RT_MAX_STRANDS];

static void contend(void *unused)
{
	(void)unused;
	uint64_t me = rt_myid();

	rt_barrier_wait(&start_line);
	uint64_t t0 = rt_tick();
	for (int i = 0; i < ITERATIONS; i++) {
		rt_lock(&lock);
		if (inside != 0)
			violations++;
		inside = me + 1;
		counter = counter + 1;
		if (inside != me + 1)
			violations++;
		inside = 0;
		rt_unlock(&lock);
		rt_atomic_add(&atomic_counter, 1);
	}
	elapsed[me] = rt_tick() - t0;
}

int main(void)
{
	rt_barrier_init(&start_line, (uint64_t)rt_nstrands);
	rt_start_others(contend, NULL);
	contend(NULL);
	rt_join_others();

	uint64_t expected = (uint64_t)rt_nstrands * ITERATIONS, slowest = 0;
	for (int i = 0; i < rt_nstrands; i++) {
		uint64_t t = elapsed[rt_strand_ids[i]];
		slowest = t > slowest ? t : slowest;
	}
	printf("locks: %d strands x %d increments: locked counter %lu, CASX counter %lu (expected %lu)\n",
	       rt_nstrands, ITERATIONS, counter, atomic_counter, expected);
	printf("locks: %lu mutual-exclusion violations\n", violations);
	printf("locks: timing: the slowest strand took %lu cycles\n", slowest);
	int ok = counter == expected && atomic_counter == expected && violations == 0;
	printf("locks: %s\n", ok ? "OK" : "FAILED");
	return ok ? RT_EXIT_OK : RT_EXIT_FAILED;
}

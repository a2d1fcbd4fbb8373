/*
 * Spinlocks, barriers and atomic add built on CASX. The T1 runs TSO (PSTATE.MM = 0), where
 * the membars below cost nothing; they say which ordering each step needs (V9 8.4).
 */
#include "rt.h"

int rt_trylock(rt_lock_t *lock)
{
	if (rt_casx(&lock->owner, 0, rt_myid() + 1) != 0)
		return 0;
	__asm__ volatile("membar #LoadLoad | #LoadStore" ::: "memory");
	return 1;
}

void rt_lock(rt_lock_t *lock)
{
	/* Test and test-and-set: spin on plain loads, CASX only when the lock looks free. */
	while (!rt_trylock(lock)) {
		while (lock->owner != 0)
			;
	}
}

void rt_unlock(rt_lock_t *lock)
{
	__asm__ volatile("membar #StoreStore | #LoadStore" ::: "memory");
	lock->owner = 0;
}

uint64_t rt_atomic_add(volatile uint64_t *p, uint64_t delta)
{
	uint64_t old = *p;
	for (;;) {
		uint64_t seen = rt_casx(p, old, old + delta);
		if (seen == old)
			return old + delta;
		old = seen;
	}
}

void rt_barrier_init(rt_barrier_t *barrier, uint64_t parties)
{
	barrier->count = 0;
	barrier->generation = 0;
	barrier->parties = parties;
	RT_MEMBAR_FULL();
}

/* The last to arrive resets the count and opens the next generation; the others wait for
 * it. Reading the generation before arriving is safe: it cannot move until we arrive. */
void rt_barrier_wait(rt_barrier_t *barrier)
{
	uint64_t generation = barrier->generation;
	RT_MEMBAR_FULL();
	if (rt_atomic_add(&barrier->count, 1) == barrier->parties) {
		barrier->count = 0;
		RT_MEMBAR_FULL();
		barrier->generation = generation + 1;
	} else {
		while (barrier->generation == generation)
			;
	}
	RT_MEMBAR_FULL();
}

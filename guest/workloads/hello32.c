/*
 * hello32: every strand of the domain (32 on a full T1: 8 cores x 4 strands) says hello.
 * The boot strand starts the others with cpu_start; each prints one line when its turn comes,
 * turns follow the strand ids in increasing order, so the output is the same on every run
 * and with any number of host threads (the console keeps the order in which strands print,
 * rt/console.c).
 */
#include "rt.h"

static volatile uint64_t turn;          /* index into rt_strand_ids of who prints next */
static volatile uint64_t said_hello;

static void say_hello(void *unused)
{
	(void)unused;
	uint64_t id = rt_myid();
	int me = rt_index_of(id);

	rt_wait_eq(&turn, (uint64_t)me);
	printf("hello from strand %2lu (core %lu, strand %lu)\n", id, id / 4, id % 4);
	rt_atomic_add(&said_hello, 1);
	RT_MEMBAR_FULL();
	turn = (uint64_t)me + 1;
}

int main(void)
{
	int others = rt_start_others(say_hello, NULL);
	say_hello(NULL);
	rt_join_others();
	rt_wait_eq(&turn, (uint64_t)rt_nstrands);
	printf("%lu of %d strands said hello (%d started with cpu_start)\n", said_hello, rt_nstrands,
	       others);
	return said_hello == (uint64_t)rt_nstrands ? RT_EXIT_OK : RT_EXIT_FAILED;
}

/*
 * txmix: a transaction mix for throughput with 1..32 strands. A shared hash table of 64-byte
 * buckets (16 MB by default: most lookups miss the 3 MB L2) holds a counter per key. Every
 * strand runs TRANSACTIONS transactions on keys from its own xorshift generator: 7 in 8 are
 * lookups (hash, read the bucket, check its key), 1 in 8 an update under the bucket's striped
 * CASX lock (counter and version incremented). Throughput is transactions per 1000 cycles of
 * the slowest strand. Check: the counters add up to the updates made, each bucket's version
 * equals its counter, and every lookup found its key. TXMIX_TABLE_KB and TXMIX_TRANSACTIONS
 * set the sizes at build time (guests have no command line).
 */
#include "rt.h"

#ifndef TXMIX_TABLE_KB
#define TXMIX_TABLE_KB 16384
#endif
#ifndef TXMIX_TRANSACTIONS
#define TXMIX_TRANSACTIONS 4000
#endif

#define BUCKETS (TXMIX_TABLE_KB * 1024 / 64)
#define LOCKS 1024

struct bucket {
	uint64_t key;
	volatile uint64_t counter;
	volatile uint64_t version;
	uint64_t pad[5];
};

extern char __image_end[];
static struct bucket *table;
static rt_lock_t locks[LOCKS];
static rt_barrier_t start_line;
static uint64_t elapsed[RT_MAX_STRANDS], updates[RT_MAX_STRANDS], misses[RT_MAX_STRANDS];

static uint64_t next_random(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

static uint64_t bucket_of(uint64_t key)
{
	uint64_t h = key ^ (key >> 29);
	h ^= h << 11;
	h ^= h >> 17;
	return h % BUCKETS;
}

static void worker(void *unused)
{
	(void)unused;
	uint64_t me = rt_myid();
	int index = rt_index_of(me);
	uint64_t lo = (uint64_t)index * BUCKETS / (uint64_t)rt_nstrands;
	uint64_t hi = (uint64_t)(index + 1) * BUCKETS / (uint64_t)rt_nstrands;
	for (uint64_t i = lo; i < hi; i++) {
		table[i].key = i;
		table[i].counter = 0;
		table[i].version = 0;
	}
	rt_barrier_wait(&start_line);

	uint64_t state = 0x9e3779b97f4a7c15ull ^ (me * 0x2545f4914f6cdd1dull), done_updates = 0, lost = 0;
	uint64_t t0 = rt_tick();
	for (int t = 0; t < TXMIX_TRANSACTIONS; t++) {
		uint64_t r = next_random(&state);
		uint64_t b = bucket_of(r >> 8);
		struct bucket *e = &table[b];
		if ((r & 7) == 0) {
			rt_lock_t *l = &locks[b % LOCKS];
			rt_lock(l);
			e->counter = e->counter + 1;
			e->version = e->version + 1;
			rt_unlock(l);
			done_updates++;
		} else if (e->key != b) {
			lost++;
		}
	}
	elapsed[me] = rt_tick() - t0;
	updates[me] = done_updates;
	misses[me] = lost;
}

int main(void)
{
	table = (struct bucket *)(((uint64_t)__image_end + (1u << 20) - 1) & ~(uint64_t)((1u << 20) - 1));
	rt_barrier_init(&start_line, (uint64_t)rt_nstrands);
	rt_start_others(worker, NULL);
	worker(NULL);
	rt_join_others();

	uint64_t slowest = 0, made = 0, lost = 0, counted = 0, torn = 0;
	for (int i = 0; i < rt_nstrands; i++) {
		uint64_t id = rt_strand_ids[i];
		slowest = elapsed[id] > slowest ? elapsed[id] : slowest;
		made += updates[id];
		lost += misses[id];
	}
	for (uint64_t i = 0; i < BUCKETS; i++) {
		counted += table[i].counter;
		torn += table[i].counter != table[i].version;
	}
	uint64_t total = (uint64_t)rt_nstrands * TXMIX_TRANSACTIONS;
	printf("txmix: %d strands x %d transactions on a %d KB table: %lu updates, %lu counted\n",
	       rt_nstrands, TXMIX_TRANSACTIONS, TXMIX_TABLE_KB, made, counted);
	printf("txmix: timing: slowest strand %lu cycles, %lu transactions per 1000 cycles\n",
	       slowest, total * 1000 / (slowest ? slowest : 1));
	int ok = made == counted && torn == 0 && lost == 0;
	printf("txmix: %s\n", ok ? "OK" : "FAILED");
	return ok ? RT_EXIT_OK : RT_EXIT_FAILED;
}

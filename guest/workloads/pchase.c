/*
 * pchase: unloaded load-to-use latency against working-set size (LMBench lat_mem_rd style).
 * For each size from 4 KB up, a chain of pointers one L2 line (64 B) apart runs through the
 * working set, each pointing to the next; the strand follows it with dependent loads, 32 to a
 * loop iteration, and divides the %tick cycles by the loads. The T1 has no prefetcher, and a
 * 64 B stride uses a quarter of the L1D sets with a quarter of the bytes, so the plateaus sit at
 * the cache sizes: L1D 8 KB (3 cycles), L2 3 MB (22-23), then DRAM (~125-130 at 1.2 GHz).
 * Guests have no command line: the sizes are fixed at build time (pchase: 4 KB..64 MB doubling;
 * pchase_quick, PCHASE_QUICK: a few sizes on each plateau and past each edge, for the tests).
 * The chain lives in free guest memory above the image (the default 256 MB holds 64 MB).
 */
#include "rt.h"

#define STRIDE 64
#define UNROLL 32
#define MIN_LOADS (1u << 15)

#ifdef PCHASE_QUICK
static const uint64_t sizes_kb[] = { 4, 8, 32, 256, 2048, 16384, 65536 };
#else
static const uint64_t sizes_kb[] = { 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536 };
#endif

extern char __image_end[];

/* Links the lines of [base, base + bytes) into one cycle, each pointing STRIDE bytes lower
 * (the first to the last), and returns the first. */
static void **build_chain(char *base, uint64_t bytes)
{
	uint64_t n = bytes / STRIDE;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t next = i == 0 ? n - 1 : i - 1;
		*(void **)(base + i * STRIDE) = base + next * STRIDE;
	}
	return (void **)base;
}

#define STEP p = (void **)*p;
#define STEP8 STEP STEP STEP STEP STEP STEP STEP STEP

static void **chase(void **p, uint64_t iterations)
{
	for (uint64_t i = 0; i < iterations; i++) {
		STEP8 STEP8 STEP8 STEP8
	}
	return p;
}

int main(void)
{
	uint64_t ram_end = rt_boot_state.i0 + rt_boot_state.i1;
	char *base = (char *)(((uint64_t)__image_end + (1u << 20) - 1) & ~(uint64_t)((1u << 20) - 1));
	uint64_t sink = 0;
	int measured = 0;

	printf("pchase: load-to-use latency, %d-byte stride, %d dependent loads per iteration\n", STRIDE, UNROLL);
	for (unsigned s = 0; s < sizeof sizes_kb / sizeof sizes_kb[0]; s++) {
		uint64_t bytes = sizes_kb[s] * 1024;
		if ((uint64_t)base + bytes > ram_end) {
			printf("pchase: %lu KB does not fit in guest memory, stopping\n", sizes_kb[s]);
			break;
		}
		uint64_t lines = bytes / STRIDE;
		uint64_t loads = lines > MIN_LOADS ? lines : MIN_LOADS;
		uint64_t iterations = loads / UNROLL;
		void **p = build_chain(base, bytes);
		p = chase(p, lines / UNROLL + 1);              /* warm: one pass over the chain */
		uint64_t t0 = rt_tick();
		p = chase(p, iterations);
		uint64_t cycles = rt_tick() - t0;
		sink += (uint64_t)p;
		uint64_t tenths = cycles * 10 / (iterations * UNROLL);
		printf("pchase: %8lu KB %4lu.%lu cycles/load\n", sizes_kb[s], tenths / 10, tenths % 10);
		measured++;
	}
	/* Every chain ends on a line of its working set, never on 0: a broken chain shows here. */
	int ok = measured > 0 && sink != 0;
	printf("pchase: %s (%d sizes)\n", ok ? "OK" : "FAILED", measured);
	return ok ? RT_EXIT_OK : RT_EXIT_FAILED;
}

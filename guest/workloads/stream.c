/*
 * stream: the STREAM kernels (McCalpin) on every strand the domain has: copy c = a,
 * scale b = s*c, add c = a + b, triad a = b + s*c over double arrays (built with the FPU, unlike
 * the other workloads). Each strand takes a contiguous slice; the boot strand times each kernel
 * between barriers with %tick and prints bytes moved per 1000 cycles (STREAM's counting: 16
 * bytes per element for copy/scale, 24 for add/triad). The thread count is the strand count
 * (`niagara run --strands N`). Arrays of 256 K elements (6 MB in all, in free memory above
 * the image) do not fit the 3 MB L2.
 */
#include "rt.h"

#define N (256 * 1024)
#define SCALAR 3.0

/* In free memory above the image (so boot does not clear 6 MB of .bss first). */
extern char __image_end[];
static double *a, *b, *c;
static rt_barrier_t phase;
static uint64_t cycles[4];
static const char *const names[4] = { "copy", "scale", "add", "triad" };
static const uint64_t bytes_per_element[4] = { 16, 16, 24, 24 };

static void kernel(int k, uint64_t lo, uint64_t hi)
{
	switch (k) {
	case 0: for (uint64_t j = lo; j < hi; j++) c[j] = a[j]; break;
	case 1: for (uint64_t j = lo; j < hi; j++) b[j] = SCALAR * c[j]; break;
	case 2: for (uint64_t j = lo; j < hi; j++) c[j] = a[j] + b[j]; break;
	default: for (uint64_t j = lo; j < hi; j++) a[j] = b[j] + SCALAR * c[j]; break;
	}
}

static void worker(void *unused)
{
	(void)unused;
	int me = rt_index_of(rt_myid());
	uint64_t lo = (uint64_t)me * N / (uint64_t)rt_nstrands, hi = (uint64_t)(me + 1) * N / (uint64_t)rt_nstrands;
	for (uint64_t j = lo; j < hi; j++) {
		a[j] = 1.0;
		b[j] = 2.0;
		c[j] = 0.0;
	}
	for (int k = 0; k < 4; k++) {
		rt_barrier_wait(&phase);
		uint64_t t0 = rt_tick();
		kernel(k, lo, hi);
		rt_barrier_wait(&phase);
		if (me == 0)
			cycles[k] = rt_tick() - t0;
	}
}

int main(void)
{
	a = (double *)(((uint64_t)__image_end + (1u << 20) - 1) & ~(uint64_t)((1u << 20) - 1));
	b = a + N;
	c = b + N;
	rt_barrier_init(&phase, (uint64_t)rt_nstrands);
	rt_start_others(worker, NULL);
	worker(NULL);
	rt_join_others();

	printf("stream: %d strands, %d elements per array\n", rt_nstrands, N);
	for (int k = 0; k < 4; k++)
		printf("stream: %-5s %10lu cycles %8lu bytes/kcycle\n", names[k], cycles[k],
		       bytes_per_element[k] * N * 1000 / (cycles[k] ? cycles[k] : 1));

	/* After one pass: a = 1 -> c = 1 -> b = 3 -> c = 4 -> a = 3 + 12 = 15 everywhere. */
	int bad = 0;
	for (uint64_t j = 0; j < N; j++)
		bad += a[j] != 15.0 || b[j] != 3.0 || c[j] != 4.0;
	printf("stream: %s\n", bad == 0 ? "OK" : "FAILED");
	return bad == 0 ? RT_EXIT_OK : RT_EXIT_FAILED;
}

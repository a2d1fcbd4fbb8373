/*
 * Cross-calls: the cpu-mondo queue each strand owns and the sending side of cpu_mondo_send
 * (ref §3). The receiving side is rt_cpu_mondo_trap (traptable.S), which calls
 * rt_mondo_dispatch for every entry it takes off the queue.
 */
#include "rt.h"

/* Queue memory: ref §3 wants the base aligned to the queue's size in bytes; 4 KB covers
 * every size up to RT_MAX_QUEUE_ENTRIES. */
static uint8_t queues[RT_MAX_STRANDS][RT_MAX_QUEUE_ENTRIES * MONDO_BYTES] __attribute__((aligned(4096)));

/* Per-sender buffers: the data block must be 64-byte aligned, the list 2-byte aligned. */
static struct {
	uint64_t data[8];
	uint16_t list[RT_MAX_STRANDS];
} xcall_buffers[RT_MAX_STRANDS] __attribute__((aligned(64)));

long rt_mondo_queue_config(unsigned entries)
{
	struct rt_strand *s = rt_self();

	if (entries > RT_MAX_QUEUE_ENTRIES)
		return HV_EINVAL;
	uint64_t pstate = rt_irq_save();
	/* The handler reads qbase/qmask, so set them before the queue can fill. */
	s->qbase = (uint64_t)queues[s->id];
	s->qmask = entries == 0 ? 0 : (uint64_t)entries * MONDO_BYTES - 1;
	long st = hv_cpu_qconf(QUEUE_CPU_MONDO, s->qbase, entries);
	rt_irq_restore(pstate);
	return st;
}

long rt_xcall(const uint64_t *targets, int count, const uint64_t data[8], uint64_t *wouldblocks)
{
	uint64_t me = rt_myid();

	if (count <= 0)
		return HV_EOK;
	if (count > RT_MAX_STRANDS || me >= RT_MAX_STRANDS)
		return HV_EINVAL;
	uint64_t *buf = xcall_buffers[me].data;
	uint16_t *list = xcall_buffers[me].list;
	for (int i = 0; i < 8; i++)
		buf[i] = data[i];
	for (int i = 0; i < count; i++)
		list[i] = (uint16_t)targets[i];
	for (;;) {
		long st = hv_cpu_mondo_send((uint64_t)count, (uint64_t)list, (uint64_t)buf);
		if (st != HV_EWOULDBLOCK)
			return st;
		if (wouldblocks)
			(*wouldblocks)++;
		/* Delivered entries now read 0xffff (the hypervisor skips them anyway); drop them
		 * like newer Linux kernels do, so the retry walks only the busy targets. */
		int kept = 0;
		for (int i = 0; i < count; i++) {
			if (list[i] != HV_CPU_LIST_DONE)
				list[kept++] = list[i];
		}
		count = kept;
		if (count == 0)
			return HV_EOK;
	}
}

void rt_mondo_dispatch(const uint64_t m[8])
{
	struct rt_strand *s = rt_self();
	uint64_t pc = m[0];

	s->mondos++;
	if (pc < (uint64_t)__text_start || pc >= (uint64_t)__text_end || (pc & 3) != 0)
		rt_panic("strand %lu: cpu mondo names no handler: %016lx %016lx %016lx %016lx", s->id,
			 m[0], m[1], m[2], m[3]);
	((rt_mondo_fn)pc)(m);
}

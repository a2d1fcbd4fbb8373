/*
 * Boot, strand start-up and shutdown: what runs between the entry code (start.S) and the
 * workload, and the C half of the fatal trap path (traptable.S).
 */
#include "rt.h"

_Static_assert(__builtin_offsetof(struct rt_strand, stack_top) == RS_STACK_TOP, "RS_STACK_TOP");
_Static_assert(__builtin_offsetof(struct rt_strand, id) == RS_ID, "RS_ID");
_Static_assert(__builtin_offsetof(struct rt_strand, qbase) == RS_QBASE, "RS_QBASE");
_Static_assert(__builtin_offsetof(struct rt_strand, qmask) == RS_QMASK, "RS_QMASK");
_Static_assert(__builtin_offsetof(struct rt_strand, start) == RS_START_STATE, "RS_START_STATE");
_Static_assert(sizeof(struct rt_strand) == RS_SIZE, "RS_SIZE");
_Static_assert(sizeof(struct rt_start_state) == RSS_SIZE, "RSS_SIZE");
_Static_assert(__builtin_offsetof(struct rt_start_state, fprs) == RSS_FPRS, "RSS_FPRS");
_Static_assert(__builtin_offsetof(struct rt_start_state, valid) == RSS_VALID, "RSS_VALID");

struct rt_fatal_info {
	uint64_t tl, tt, tpc, tnpc, tstate, gl, tt1, tpc1, tnpc1, cpuid, sp;
};
_Static_assert(sizeof(struct rt_fatal_info) == RFI_SIZE, "RFI_SIZE");
_Static_assert(__builtin_offsetof(struct rt_fatal_info, sp) == RFI_SP, "RFI_SP");

struct rt_strand rt_strands[RT_MAX_STRANDS];
/* In .data: start.S records it before it clears .bss. */
struct rt_start_state rt_boot_state __attribute__((section(".data.rt_boot_state")));
uint64_t rt_boot_arg, rt_boot_id, rt_core_minor;
int rt_nstrands;
uint64_t rt_strand_ids[RT_MAX_STRANDS];

/* Used by traptable.S. */
volatile uint64_t rt_fatal_lock;
struct rt_fatal_info rt_fatal_info;

/* MMU fault status areas (ref §5: 0x80 bytes, 64-byte aligned), one per strand. */
static uint8_t rt_fault_areas[RT_MAX_STRANDS][128] __attribute__((aligned(64)));

extern char rt_stacks[];                /* start.S: RT_MAX_STRANDS stacks */
extern char rt_strand_entry[];          /* start.S: where cpu_start'ed strands begin */

void rt_boot(uint64_t arg) __attribute__((noreturn));
void rt_strand_main(struct rt_strand *s) __attribute__((noreturn));
void rt_fatal_report(const struct rt_fatal_info *f) __attribute__((noreturn));

static const char *const status_names[] = {
	"EOK", "ENOCPU", "ENORADDR", "ENOINTR", "EBADPGSZ", "EBADTSB", "EINVAL", "EBADTRAP",
	"EBADALIGN", "EWOULDBLOCK", "ENOACCESS", "EIO", "ECPUERROR", "ENOTSUPPORTED", "ENOMAP",
	"ETOOMANY", "ECHANNEL",
};

const char *hv_status_name(long status)
{
	if (status >= 0 && status < (long)(sizeof status_names / sizeof status_names[0]))
		return status_names[status];
	return "E?";
}

static void set_scratchpad(uint64_t va, uint64_t value)
{
	__asm__ volatile("stxa %0, [%1] 0x20" : : "r"(value), "r"(va) : "memory");
}

/* Per-strand state every strand needs before it takes interrupts: scratchpads (the trap
 * handlers read them), the cpu-mondo queue, the fault area. Interrupts are still off. */
static void strand_setup(struct rt_strand *s, uint64_t id)
{
	uint64_t old;

	s->id = id;
	set_scratchpad(SCRATCH_CPUID, id);
	set_scratchpad(SCRATCH_STRAND, (uint64_t)s);
	long st = rt_mondo_queue_config(rt_mondo_queue_entries);
	if (st != HV_EOK)
		rt_panic("strand %lu: cpu_qconf(cpu mondo, %u entries) -> %s", id, rt_mondo_queue_entries,
			 hv_status_name(st));
	s->fault_area = 0;
	if (hv_mmu_fault_area_conf((uint64_t)rt_fault_areas[id], &old) == HV_EOK)
		s->fault_area = (uint64_t)rt_fault_areas[id];
}

void rt_init(void)
{
	uint64_t minor, id, state;

	/* ref §1: SUN4V 1.0 selects an errata level; a failure is survivable (Linux). */
	(void)hv_api_set_version(HV_GRP_SUN4V, 1, 0, &minor);
	long st = hv_api_set_version(HV_GRP_CORE, 1, 1, &minor);
	if (st != HV_EOK)
		rt_panic("api_set_version(CORE, 1, 1) -> %s", hv_status_name(st));
	rt_core_minor = minor;

	st = hv_cpu_myid(&id);
	if (st != HV_EOK || id >= RT_MAX_STRANDS)
		rt_panic("cpu_myid -> %s, id %lu", hv_status_name(st), id);
	rt_boot_id = id;
	rt_strands[id].start = rt_boot_state;
	strand_setup(&rt_strands[id], id);
	rt_strands[id].state = RT_STRAND_RUNNING;

	rt_nstrands = 0;
	for (uint64_t i = 0; i < RT_MAX_STRANDS; i++) {
		if (hv_cpu_state(i, &state) == HV_EOK)
			rt_strand_ids[rt_nstrands++] = i;
	}
	rt_irq_enable();
}

void rt_boot(uint64_t arg)
{
	rt_boot_arg = arg;
	if (rt_auto_init)
		rt_init();
	rt_exit(main());
}

void rt_strand_main(struct rt_strand *s)
{
	uint64_t id = (uint64_t)(s - rt_strands);
	uint64_t myid;

	strand_setup(s, id);
	long st = hv_cpu_myid(&myid);
	if (st != HV_EOK || myid != id)
		rt_panic("strand started as %lu: cpu_myid -> %s, id %lu", id, hv_status_name(st), myid);
	s->state = RT_STRAND_RUNNING;
	rt_irq_enable();
	s->fn(s->arg);
	RT_MEMBAR_FULL();
	s->state = RT_STRAND_DONE;
	/* A strand cannot stop itself (cpu_stop on self is EINVAL, ref §2): idle, still
	 * serving cross-calls, until the boot strand ends the machine. */
	for (;;)
		(void)hv_cpu_yield();
}

long rt_start(uint64_t id, rt_strand_fn fn, void *arg)
{
	if (id >= RT_MAX_STRANDS)
		return HV_ENOCPU;
	struct rt_strand *s = &rt_strands[id];
	s->stack_top = (uint64_t)(rt_stacks + (id + 1) * RT_STACK_SIZE);
	s->fn = fn;
	s->arg = arg;
	s->state = RT_STRAND_STARTING;
	RT_MEMBAR_FULL();
	long st;
	do
		st = hv_cpu_start(id, (uint64_t)rt_strand_entry, (uint64_t)rt_trap_table, (uint64_t)s);
	while (st == HV_EWOULDBLOCK);   /* ref §4: the guest is not in its normal state yet */
	if (st != HV_EOK)
		s->state = RT_STRAND_IDLE;
	return st;
}

int rt_start_others(rt_strand_fn fn, void *arg)
{
	int started = 0;
	uint64_t me = rt_myid();

	for (int i = 0; i < rt_nstrands; i++) {
		if (rt_strand_ids[i] == me)
			continue;
		long st = rt_start(rt_strand_ids[i], fn, arg);
		if (st != HV_EOK)
			rt_panic("cpu_start(%lu) -> %s", rt_strand_ids[i], hv_status_name(st));
		started++;
	}
	return started;
}

void rt_join(uint64_t id)
{
	struct rt_strand *s = &rt_strands[id];
	while (s->state == RT_STRAND_STARTING || s->state == RT_STRAND_RUNNING)
		;
}

void rt_join_others(void)
{
	uint64_t me = rt_myid();
	for (int i = 0; i < rt_nstrands; i++) {
		if (rt_strand_ids[i] != me)
			rt_join(rt_strand_ids[i]);
	}
}

int rt_index_of(uint64_t id)
{
	for (int i = 0; i < rt_nstrands; i++) {
		if (rt_strand_ids[i] == id)
			return i;
	}
	return -1;
}

void rt_exit(int code)
{
	(void)hv_mach_exit((uint64_t)code);
	(void)hv_api_exit((uint64_t)code);     /* CORE_TRAP needs no negotiated API */
	for (;;)
		(void)hv_cpu_yield();
}

void rt_panic(const char *fmt, ...)
{
	va_list ap;
	char line[160];

	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 1)
		n = sizeof line - 1;
	rt_console_write("PANIC: ", 7);
	rt_console_write(line, (size_t)n);
	rt_console_write("\n", 1);
	rt_exit(RT_EXIT_PANIC);
}

static const char *trap_name(uint64_t tt)
{
	switch (tt) {
	case 0x002: return "watchdog_reset";
	case 0x003: return "externally_initiated_reset";
	case 0x004: return "software_initiated_reset";
	case 0x008: return "instruction_access_exception";
	case 0x009: return "instruction_access_mmu_miss";
	case 0x010: return "illegal_instruction";
	case 0x011: return "privileged_opcode";
	case 0x020: return "fp_disabled";
	case 0x021: return "fp_exception_ieee_754";
	case 0x022: return "fp_exception_other";
	case 0x023: return "tag_overflow";
	case 0x028: return "division_by_zero";
	case 0x030: return "data_access_exception";
	case 0x031: return "data_access_mmu_miss";
	case 0x032: return "data_access_error";
	case 0x034: return "mem_address_not_aligned";
	case 0x035: return "lddf_mem_address_not_aligned";
	case 0x036: return "stdf_mem_address_not_aligned";
	case 0x037: return "privileged_action";
	case 0x07c: return "cpu_mondo (from TL > 0)";
	case 0x07d: return "dev_mondo";
	case 0x07e: return "resumable_error";
	case 0x07f: return "nonresumable_error";
	default: break;
	}
	if (tt >= 0x041 && tt <= 0x04f) return "interrupt_level_n";
	if (tt >= 0x080 && tt <= 0x0bf) return "spill (other than spill_0_normal)";
	if (tt >= 0x0c0 && tt <= 0x0ff) return "fill (other than fill_0_normal)";
	if (tt >= 0x100 && tt <= 0x17f) return "trap_instruction (guest Tcc)";
	return "unexpected";
}

void rt_fatal_report(const struct rt_fatal_info *f)
{
	rt_console_steal();
	printf("\nFATAL: strand %lu: trap 0x%03lx (%s) at TL %lu GL %lu\n", f->cpuid, f->tt,
	       trap_name(f->tt), f->tl, f->gl);
	printf("  tpc 0x%016lx tnpc 0x%016lx tstate 0x%016lx sp 0x%lx\n", f->tpc, f->tnpc,
	       f->tstate, f->sp);
	if (f->tl >= 2)
		printf("  while in trap 0x%03lx (%s) from tpc 0x%016lx tnpc 0x%016lx\n", f->tt1,
		       trap_name(f->tt1), f->tpc1, f->tnpc1);
	if (f->cpuid < RT_MAX_STRANDS && rt_strands[f->cpuid].fault_area != 0) {
		const volatile uint64_t *fa = (const uint64_t *)rt_strands[f->cpuid].fault_area;
		if (fa[0] != 0)   /* ref §5: I-side type, address, context */
			printf("  I-fault type %lu addr 0x%lx ctx %lu\n", fa[0], fa[1], fa[2]);
		if (fa[8] != 0)   /* D-side at +0x40 */
			printf("  D-fault type %lu addr 0x%lx ctx %lu\n", fa[8], fa[9], fa[10]);
	}
	rt_exit(RT_EXIT_TRAP);
}

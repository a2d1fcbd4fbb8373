/* CPU services (ref §2, §3, §4): ids, states, queues, RTBA, start state, start and stop. */
#include "conf.h"

extern char rt_strand_entry[];

struct helper_state helper;
static uint8_t spare_queue[4096] CONF_ALIGNED(4096);

static uint64_t queue_register(uint64_t va)
{
	uint64_t v;
	__asm__ volatile("ldxa [%1] 0x25, %0" : "=r"(v) : "r"(va));
	return v;
}

/* ---- the helper strand ---- */

void helper_mondo(const uint64_t m[8])
{
	uint64_t slot = helper.logged % 8;
	for (int i = 0; i < 8; i++)
		helper.log[slot][i] = m[i];
	RT_MEMBAR_FULL();
	helper.logged = helper.logged + 1;
}

extern void boot_mondo(const uint64_t m[8]);

void helper_main(void *unused)
{
	(void)unused;
	uint64_t done = helper.acknowledged;
	uint64_t data[8] = { (uint64_t)boot_mondo, 0x5eed };

	for (;;) {
		while (helper.posted == done)
			;
		done = helper.posted;
		RT_MEMBAR_FULL();
		switch (helper.command) {
		case HELPER_IRQ_OFF_TINY_QUEUE:
			rt_irq_disable();
			helper.status = rt_mondo_queue_config(2);   /* one usable slot (ref §3) */
			break;
		case HELPER_IRQ_ON:
			rt_irq_enable();
			break;
		case HELPER_NORMAL_QUEUE:
			helper.status = rt_mondo_queue_config(rt_mondo_queue_entries);
			rt_irq_enable();
			break;
		case HELPER_SEND_TO_BOOT:
			for (uint64_t t0 = rt_tick(); rt_tick() - t0 < helper.argument;)
				;
			helper.status = rt_xcall(&rt_boot_id, 1, data, NULL);
			break;
		default:
			break;
		}
		RT_MEMBAR_FULL();
		helper.acknowledged = done;
		if (helper.command == HELPER_RETURN)
			return;
	}
}

/* Posts a command; with wait, returns 1 once the helper acknowledged it in time. */
int helper_do(uint64_t command, uint64_t argument, int wait)
{
	helper.command = command;
	helper.argument = argument;
	RT_MEMBAR_FULL();
	uint64_t ticket = helper.posted + 1;
	helper.posted = ticket;
	return wait ? conf_wait_eq(&helper.acknowledged, ticket) : 1;
}

/* ---- tests ---- */

void conf_cpu(void)
{
	uint64_t id = 99, state = 99, base = 99, entries = 99, old = 99, rtba = 99;
	uint64_t me = rt_myid(), table = (uint64_t)rt_trap_table;

	conf_section("cpu_myid, cpu_state (ref §2, §4)");
	conf_status("cpu_myid", hv_cpu_myid(&id), HV_EOK);
	conf_value("cpu_myid is the id the runtime uses", id, me);
	conf_status("cpu_state(myid)", hv_cpu_state(me, &state), HV_EOK);
	conf_value("cpu_state(myid) is running (2)", state, HV_CPU_STATE_RUNNING);
	conf_status("cpu_state(64)", hv_cpu_state(64, &state), HV_ENOCPU);
	conf_status("cpu_state(-1)", hv_cpu_state(~0UL, &state), HV_ENOCPU);

	conf_section("cpu_qconf, cpu_qinfo (ref §3)");
	if (conf_status("cpu_qinfo(cpu mondo)", hv_cpu_qinfo(QUEUE_CPU_MONDO, &base, &entries), HV_EOK)) {
		conf_value("cpu_qinfo(cpu mondo) base is the runtime's queue", base, rt_self()->qbase);
		conf_value("cpu_qinfo(cpu mondo) entries", entries, rt_mondo_queue_entries);
	}
	conf_status("cpu_qinfo(0x40, no such queue)", hv_cpu_qinfo(0x40, &base, &entries), HV_EINVAL);
	conf_status("cpu_qconf(cpu mondo) again", rt_mondo_queue_config(rt_mondo_queue_entries), HV_EOK);
	conf_true("cpu_qconf sets cpu mondo HEAD = TAIL = 0",
		  queue_register(CPU_MONDO_HEAD) == 0 && queue_register(CPU_MONDO_TAIL) == 0, "not 0");
	uint64_t q = (uint64_t)spare_queue;
	conf_status("cpu_qconf(dev mondo, 8 entries)", hv_cpu_qconf(QUEUE_DEV_MONDO, q, 8), HV_EOK);
	if (conf_status("cpu_qinfo(dev mondo)", hv_cpu_qinfo(QUEUE_DEV_MONDO, &base, &entries), HV_EOK))
		conf_true("cpu_qinfo(dev mondo) reads back base and 8", base == q && entries == 8, "differs");
	conf_true("cpu_qconf sets dev mondo HEAD = TAIL = 0",
		  queue_register(0x3d0) == 0 && queue_register(0x3d8) == 0, "not 0");
	conf_status("cpu_qconf(dev mondo, 3 entries: not a power of 2)", hv_cpu_qconf(QUEUE_DEV_MONDO, q, 3), HV_EINVAL);
	conf_status("cpu_qconf(dev mondo, 1 entry: below 2)", hv_cpu_qconf(QUEUE_DEV_MONDO, q, 1), HV_EINVAL);
	conf_status("cpu_qconf(dev mondo, 512 entries: above the T1's 256)", hv_cpu_qconf(QUEUE_DEV_MONDO, q, 512), HV_EINVAL);
	conf_status("cpu_qconf(dev mondo, base not aligned to the queue size)",
		    hv_cpu_qconf(QUEUE_DEV_MONDO, q + 64, 8), HV_EBADALIGN);
	conf_status("cpu_qconf(dev mondo, base past memory)", hv_cpu_qconf(QUEUE_DEV_MONDO, env.bad_ra, 8), HV_ENORADDR);
	conf_status("cpu_qconf(0x40, no such queue)", hv_cpu_qconf(0x40, q, 8), HV_EINVAL);
	conf_status("cpu_qconf(dev mondo, 0 entries) unconfigures", hv_cpu_qconf(QUEUE_DEV_MONDO, 0, 0), HV_EOK);
	if (conf_status("cpu_qinfo(dev mondo) unconfigured", hv_cpu_qinfo(QUEUE_DEV_MONDO, &base, &entries), HV_EOK))
		conf_value("cpu_qinfo(dev mondo) unconfigured: 0 entries", entries, 0);
	conf_status("cpu_qconf(resumable error, 4 entries)", hv_cpu_qconf(QUEUE_RESUMABLE, q, 4), HV_EOK);
	conf_status("cpu_qconf(resumable error, 0 entries)", hv_cpu_qconf(QUEUE_RESUMABLE, 0, 0), HV_EOK);
	conf_status("cpu_qconf(nonresumable error, 2 entries)", hv_cpu_qconf(QUEUE_NONRESUMABLE, q, 2), HV_EOK);
	conf_status("cpu_qconf(nonresumable error, 0 entries)", hv_cpu_qconf(QUEUE_NONRESUMABLE, 0, 0), HV_EOK);

	conf_section("cpu_get_rtba, cpu_set_rtba (ref §2, §4)");
	if (conf_status("cpu_get_rtba", hv_cpu_get_rtba(&rtba), HV_EOK))
		conf_value("the boot strand's RTBA is the lowest loaded address", rtba, table);
	conf_status("cpu_set_rtba(table + 4) misaligned", hv_cpu_set_rtba(table + 4, &old), HV_EBADALIGN);
	conf_status("cpu_set_rtba(past memory)", hv_cpu_set_rtba(env.bad_ra, &old), HV_ENORADDR);
	conf_status("cpu_set_rtba(table + 0x4000)", hv_cpu_set_rtba(table + 0x4000, &old), HV_EOK);
	conf_value("cpu_set_rtba returns the old RTBA", old, table);
	if (conf_status("cpu_get_rtba after set", hv_cpu_get_rtba(&rtba), HV_EOK))
		conf_value("cpu_get_rtba reads the new RTBA", rtba, table + 0x4000);
	conf_status("cpu_set_rtba(table) restores", hv_cpu_set_rtba(table, &old), HV_EOK);
	conf_value("cpu_set_rtba returns the previous RTBA", old, table + 0x4000);
}

/* ref §4: TL = GL = 2, PSTATE = PRIV + TSO (IE, AM, PEF clear), PIL 15, CANSAVE = CLEANWIN
 * = 6, FPRS 0, every other register 0, %tba = the RTBA. */
static void check_start_state(const char *who, const struct rt_start_state *s, uint64_t rtba)
{
	char name[96];
#define START_CHECK(field, expected)                                            \
	do {                                                                    \
		snprintf(name, sizeof name, "%s start state: " #field, who);    \
		conf_value(name, s->field, expected);                           \
	} while (0)
	snprintf(name, sizeof name, "%s start state recorded", who);
	if (!conf_true(name, s->valid == 1, "the entry code did not run"))
		return;
	START_CHECK(tl, 2);
	START_CHECK(gl, 2);
	START_CHECK(pstate, PSTATE_PRIV);
	START_CHECK(pil, 15);
	START_CHECK(cansave, NWINDOWS - 2);
	START_CHECK(cleanwin, NWINDOWS - 2);
	START_CHECK(canrestore, 0);
	START_CHECK(otherwin, 0);
	START_CHECK(wstate, 0);
	START_CHECK(fprs, 0);
	START_CHECK(or_globals, 0);
	START_CHECK(or_window, 0);
	START_CHECK(tba, rtba);
#undef START_CHECK
}

void conf_start_state(void)
{
	const struct rt_start_state *b = &rt_boot_state;

	conf_section("the boot strand's start state (ref §4)");
	check_start_state("boot strand", b, (uint64_t)rt_trap_table);
	conf_true("boot strand start state: %i0 is the RA base (memory base or RTBA)",
		  b->i0 == env.mem_base || b->i0 == (uint64_t)rt_trap_table, "neither");
	conf_info("boot strand started with %%o0 0x%lx %%i0 0x%lx %%i1 0x%lx cwp %lu", b->o0, b->i0, b->i1, b->cwp);
}

void conf_cpu_start_stop(void)
{
	uint64_t me = rt_myid(), state = 99, table = (uint64_t)rt_trap_table;
	uint64_t entry = (uint64_t)rt_strand_entry;

	conf_section("cpu_start, cpu_stop (ref §4: checks in order id, RA, alignment, state)");
	conf_status("cpu_start(64)", hv_cpu_start(64, entry, table, 0), HV_ENOCPU);
	/* Bad addresses are checked before the target's state, so aim them at this strand:
	 * a hypervisor that skipped a check answers EINVAL instead of starting anything. */
	conf_status("cpu_start(self, pc past memory)", hv_cpu_start(me, env.bad_ra, table, 0), HV_ENORADDR);
	conf_status("cpu_start(self, rtba past memory)", hv_cpu_start(me, entry, env.bad_ra, 0), HV_ENORADDR);
	conf_status("cpu_start(self, pc + 2)", hv_cpu_start(me, entry + 2, table, 0), HV_EBADALIGN);
	conf_status("cpu_start(self, rtba + 0x80)", hv_cpu_start(me, entry, table + 0x80, 0), HV_EBADALIGN);
	conf_status("cpu_start(self): not stopped", hv_cpu_start(me, entry, table, 0), HV_EINVAL);
	conf_status("cpu_stop(self)", hv_cpu_stop(me), HV_EINVAL);
	conf_status("cpu_stop(64)", hv_cpu_stop(64), HV_ENOCPU);
	for (uint64_t id = 0; id < RT_MAX_STRANDS; id++) {
		if (rt_index_of(id) < 0) {
			conf_status("cpu_start(an id in range but not in the domain)", hv_cpu_start(id, entry, table, 0),
				    HV_ENOCPU);
			break;
		}
	}

	env.have_helper = 0;
	for (int i = 0; i < rt_nstrands && !env.have_helper; i++) {
		if (rt_strand_ids[i] != me) {
			env.helper = rt_strand_ids[i];
			env.have_helper = 1;
		}
	}
	if (!env.have_helper) {
		conf_skip("cpu_start of another strand and every cross-strand test", "the domain has 1 strand");
		return;
	}
	uint64_t h = env.helper;
	if (conf_status("cpu_state(other strand) before start", hv_cpu_state(h, &state), HV_EOK))
		conf_value("cpu_state(other strand) is stopped (1)", state, HV_CPU_STATE_STOPPED);
	conf_status("cpu_stop(a stopped strand)", hv_cpu_stop(h), HV_EINVAL);
	if (!conf_status("cpu_start(other strand)", rt_start(h, helper_main, NULL), HV_EOK)) {
		env.have_helper = 0;
		return;
	}
	if (!conf_true("the started strand reaches C", conf_wait_eq(&rt_strands[h].state, RT_STRAND_RUNNING),
		       "no sign of it")) {
		env.have_helper = 0;
		return;
	}
	if (conf_status("cpu_state(started strand)", hv_cpu_state(h, &state), HV_EOK))
		conf_value("cpu_state(started strand) is running (2)", state, HV_CPU_STATE_RUNNING);
	conf_status("cpu_start(a running strand)", hv_cpu_start(h, entry, table, 0), HV_EINVAL);
	check_start_state("started strand", &rt_strands[h].start, table);
	conf_value("started strand start state: %o0 is the cpu_start argument", rt_strands[h].start.o0,
		   (uint64_t)&rt_strands[h]);
}

void conf_cpu_stop_restart(void)
{
	uint64_t state = 99, h = env.helper;

	conf_section("cpu_stop and a second cpu_start (ref §4)");
	if (!env.have_helper) {
		conf_skip("cpu_stop(other strand)", "no second strand");
		return;
	}
	helper_do(HELPER_RETURN, 0, 1);
	conf_status("cpu_stop(running strand)", hv_cpu_stop(h), HV_EOK);
	int stopped = 0;
	for (uint64_t t0 = rt_tick(); !stopped && rt_tick() - t0 < 50000000UL;)
		stopped = hv_cpu_state(h, &state) == HV_EOK && state == HV_CPU_STATE_STOPPED;
	conf_true("cpu_state after cpu_stop is stopped (1)", stopped, "still not stopped");
	conf_status("cpu_stop(the stopped strand)", hv_cpu_stop(h), HV_EINVAL);
	rt_strands[h].start.valid = 0;
	if (conf_status("cpu_start(the stopped strand) again", rt_start(h, helper_main, NULL), HV_EOK))
		conf_true("the restarted strand reaches C", conf_wait_eq(&rt_strands[h].state, RT_STRAND_RUNNING),
			  "no sign of it");
	check_start_state("restarted strand", &rt_strands[h].start, (uint64_t)rt_trap_table);
}

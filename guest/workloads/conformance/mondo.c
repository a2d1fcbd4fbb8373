/* cpu_mondo_send and the cpu-mondo queue (ref §3), and cpu_yield (ref §4). */
#include "conf.h"

static uint64_t data[8] CONF_ALIGNED(64);
static uint16_t list[4] CONF_ALIGNED(8);
static volatile uint64_t boot_mondos;

void boot_mondo(const uint64_t m[8])
{
	(void)m;
	boot_mondos = boot_mondos + 1;
}

static void fill(uint64_t seq)
{
	data[0] = (uint64_t)helper_mondo;
	data[1] = seq;
	for (int i = 2; i < 8; i++)
		data[i] = 0x0123456789abcdefUL ^ (seq << 8) ^ (uint64_t)i;
}

static long send1(uint64_t target)
{
	list[0] = (uint16_t)target;
	return hv_cpu_mondo_send(1, (uint64_t)list, (uint64_t)data);
}

/* The helper's log entry for the mondo numbered `seq` (1-based count of all it took). */
static int logged_as_sent(uint64_t count)
{
	const uint64_t *m = helper.log[(count - 1) % 8];
	for (int i = 0; i < 8; i++) {
		if (m[i] != data[i])
			return 0;
	}
	return 1;
}

static void wouldblock(void)
{
	uint64_t h = env.helper, base = helper.logged;

	conf_section("cpu_mondo_send to a full target: EWOULDBLOCK (ref §3)");
	if (!conf_true("helper: interrupts off, queue of 2 entries", helper_do(HELPER_IRQ_OFF_TINY_QUEUE, 0, 1) &&
		       helper.status == HV_EOK, "helper did not confirm"))
		return;
	fill(101);
	conf_status("mondo 1: into the target's queue", send1(h), HV_EOK);
	fill(102);
	conf_status("mondo 2: waits in the target's mailbox", send1(h), HV_EOK);
	fill(103);
	conf_status("mondo 3: mailbox busy", send1(h), HV_EWOULDBLOCK);
	conf_value("mondo 3: the undelivered list entry is kept", list[0], h);
	conf_value("mondo 3: nothing handled while the target has IE = 0", helper.logged, base);
	helper_do(HELPER_IRQ_ON, 0, 1);
	long st;
	int tries = 0;
	do
		st = hv_cpu_mondo_send(1, (uint64_t)list, (uint64_t)data);
	while (st == HV_EWOULDBLOCK && ++tries < 100000);
	conf_status("mondo 3: retried until the target drained its queue", st, HV_EOK);
	if (conf_true("the target handled all 3", conf_wait_eq(&helper.logged, base + 3), "not all arrived")) {
		int order = helper.log[(base + 0) % 8][1] == 101 && helper.log[(base + 1) % 8][1] == 102 &&
			    helper.log[(base + 2) % 8][1] == 103;
		conf_true("the target handled them once each, in order", order, "wrong order or repeats");
	}
	conf_true("helper: queue back to normal", helper_do(HELPER_NORMAL_QUEUE, 0, 1) && helper.status == HV_EOK,
		  "helper did not confirm");
}

void conf_mondo(void)
{
	uint64_t me = rt_myid(), h = env.helper;

	conf_section("cpu_mondo_send (ref §3)");
	fill(1);
	conf_status("cpu_mondo_send to self", send1(me), HV_EINVAL);
	conf_value("cpu_mondo_send to self leaves the entry", list[0], me);
	conf_status("cpu_mondo_send to cpu 64", send1(64), HV_ENOCPU);
	list[0] = list[1] = (uint16_t)h;
	conf_status("cpu_mondo_send, list at an odd address",
		    hv_cpu_mondo_send(1, (uint64_t)list + 1, (uint64_t)data), HV_EBADALIGN);
	conf_status("cpu_mondo_send, data not 64-byte aligned",
		    hv_cpu_mondo_send(1, (uint64_t)list, (uint64_t)data + 8), HV_EBADALIGN);
	conf_status("cpu_mondo_send, list past memory", hv_cpu_mondo_send(1, env.bad_ra, (uint64_t)data), HV_ENORADDR);
	conf_status("cpu_mondo_send, data past memory", hv_cpu_mondo_send(1, (uint64_t)list, env.bad_ra), HV_ENORADDR);
	if (!env.have_helper) {
		conf_skip("cpu_mondo_send to another strand, cpu_yield", "no second strand");
		return;
	}

	uint64_t base = helper.logged;
	fill(2);
	conf_status("cpu_mondo_send(1 target)", send1(h), HV_EOK);
	conf_value("the delivered entry reads 0xffff", list[0], HV_CPU_LIST_DONE);
	if (conf_true("the target takes trap 0x7c", conf_wait_eq(&helper.logged, base + 1), "no mondo arrived"))
		conf_true("the target got the 64 bytes unchanged", logged_as_sent(base + 1), "data differs");

	fill(3);
	list[0] = HV_CPU_LIST_DONE;
	list[1] = (uint16_t)h;
	conf_status("cpu_mondo_send skips 0xffff entries", hv_cpu_mondo_send(2, (uint64_t)list, (uint64_t)data), HV_EOK);
	conf_value("the second entry now reads 0xffff", list[1], HV_CPU_LIST_DONE);
	if (conf_true("delivered once", conf_wait_eq(&helper.logged, base + 2), "no mondo arrived"))
		conf_true("with the right data", logged_as_sent(base + 2), "data differs");

	fill(4);
	list[0] = (uint16_t)h;
	list[1] = (uint16_t)me;
	conf_status("cpu_mondo_send(other, self): aborts at self", hv_cpu_mondo_send(2, (uint64_t)list, (uint64_t)data),
		    HV_EINVAL);
	conf_value("entries delivered before the abort read 0xffff", list[0], HV_CPU_LIST_DONE);
	conf_value("the entry that aborted is kept", list[1], me);
	conf_true("the delivered one arrives", conf_wait_eq(&helper.logged, base + 3), "no mondo arrived");

	wouldblock();

	conf_section("cpu_yield (ref §4: returns after an interrupt)");
	uint64_t before = boot_mondos;
	helper_do(HELPER_SEND_TO_BOOT, 20000, 0);
	conf_status("cpu_yield while a cross-call is on its way", hv_cpu_yield(), HV_EOK);
	conf_true("the cross-call to the yielding strand arrives", conf_wait_ge(&boot_mondos, before + 1),
		  "none arrived");
	conf_true("the helper's send succeeded", conf_wait_eq(&helper.acknowledged, helper.posted) &&
		  helper.status == HV_EOK, "it failed");
}

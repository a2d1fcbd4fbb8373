/* Console, TOD, watchdog, memory, soft state, trap trace and dump buffer (ref §2, §7). */
#include "conf.h"

static uint8_t page[8192] CONF_ALIGNED(8192);
static char text[32] CONF_ALIGNED(32);
static char readback[32] CONF_ALIGNED(32);

void conf_console(void)
{
	static const char put[] = "[cons_putchar]\n", wrote[] = "[cons_write]\n";
	uint64_t n = 99, ch = 99;
	int ok = 1;

	conf_section("console (ref §7; the machine has no console input)");
	for (const char *p = put; *p != '\0'; p++)
		ok &= hv_cons_putchar((unsigned char)*p) == HV_EOK;
	conf_true("cons_putchar of each byte of \"[cons_putchar]\"", ok, "a call failed");
	conf_status("cons_putchar(0x100) out of range", hv_cons_putchar(0x100), HV_EINVAL);
	size_t len = sizeof wrote - 1, done = 0;
	long st = HV_EOK;
	while (done < len && st == HV_EOK) {
		st = hv_cons_write((uint64_t)wrote + done, len - done, &n);
		if (st == HV_EOK && (n == 0 || n > len - done))
			break;
		done += st == HV_EOK ? n : 0;
	}
	conf_status("cons_write(\"[cons_write]\")", st, HV_EOK);
	conf_value("cons_write wrote every byte", done, len);
	conf_status("cons_write(buf, 0)", hv_cons_write((uint64_t)wrote, 0, &n), HV_EOK);
	conf_value("cons_write(buf, 0) wrote 0", n, 0);
	conf_status("cons_getchar with no input", hv_cons_getchar(&ch), HV_EWOULDBLOCK);
	conf_status("cons_read with no input", hv_cons_read((uint64_t)readback, sizeof readback, &n), HV_EWOULDBLOCK);
}

static void memory_call(const char *call, long (*fn)(uint64_t, uint64_t, uint64_t *))
{
	char name[80];
	uint64_t done = 0, p = (uint64_t)page;

	snprintf(name, sizeof name, "%s(8 KB page)", call);
	if (conf_status(name, fn(p, sizeof page, &done), HV_EOK)) {
		snprintf(name, sizeof name, "%s(8 KB page) did 64-byte lines, at most 8 KB", call);
		conf_true(name, done > 0 && done <= sizeof page && done % 64 == 0, "bad length");
	}
	snprintf(name, sizeof name, "%s(page, 0)", call);
	conf_status(name, fn(p, 0, &done), HV_EINVAL);
	snprintf(name, sizeof name, "%s(page + 1, 8 KB) misaligned", call);
	conf_status(name, fn(p + 1, sizeof page, &done), HV_EBADALIGN);
	snprintf(name, sizeof name, "%s(past memory, 8 KB)", call);
	conf_status(name, fn(env.bad_ra, sizeof page, &done), HV_ENORADDR);
}

void conf_services(void)
{
	uint64_t t0 = 0, t1 = 0, v = 0, state = 0, ra = 0;

	conf_section("tod_get, tod_set (ref §2, §7)");
	if (conf_status("tod_get", hv_tod_get(&t0), HV_EOK))
		conf_info("tod_get: %lu seconds since 1970", t0);
	long st = hv_tod_set(t0 + 3600);
	if (conf_status_either("tod_set(now + 1 hour)", st, HV_EOK, HV_ENOTSUPPORTED) && st == HV_EOK) {
		conf_status("tod_get after tod_set", hv_tod_get(&t1), HV_EOK);
		conf_true("tod_get follows tod_set", t1 >= t0 + 3600 && t1 < t0 + 3600 + 600, "far off");
		conf_status("tod_set(back)", hv_tod_set(t0), HV_EOK);
	}

	conf_section("mach_set_watchdog (ref §2, CORE 1.1)");
	conf_status("mach_set_watchdog(0) disables", hv_mach_set_watchdog(0, &v), HV_EOK);
	conf_status("mach_set_watchdog(2^62 ms) beyond the maximum", hv_mach_set_watchdog(1UL << 62, &v), HV_EINVAL);
	conf_skip("mach_sir", "it resets the domain (ref §4), so no test can follow it");

	conf_section("mem_scrub, mem_sync (ref §2)");
	memory_call("mem_scrub", hv_mem_scrub);
	memory_call("mem_sync", hv_mem_sync);

	conf_section("soft_state_set, soft_state_get (ref §7; SOFTSTATE 1.0)");
	memcpy(text, "conformance running", 20);
	conf_status("soft_state_set(normal, text)", hv_soft_state_set(1, (uint64_t)text), HV_EOK);
	if (conf_status("soft_state_get", hv_soft_state_get((uint64_t)readback, &state), HV_EOK)) {
		conf_value("soft_state_get: state normal (1)", state, 1);
		conf_true("soft_state_get: the text set", strcmp(readback, text) == 0, "differs");
	}
	conf_status("soft_state_set(transition, text)", hv_soft_state_set(2, (uint64_t)text), HV_EOK);
	if (conf_status("soft_state_get", hv_soft_state_get((uint64_t)readback, &state), HV_EOK))
		conf_value("soft_state_get: state transition (2)", state, 2);
	conf_status("soft_state_set(3, text): no such state", hv_soft_state_set(3, (uint64_t)text), HV_EINVAL);
	conf_status("soft_state_set(normal, text + 1) misaligned", hv_soft_state_set(1, (uint64_t)text + 1), HV_EBADALIGN);
	conf_status("soft_state_set(normal, past memory)", hv_soft_state_set(1, env.bad_ra), HV_ENORADDR);
	conf_status("soft_state_set(normal, text)", hv_soft_state_set(1, (uint64_t)text), HV_EOK);

	conf_section("trap trace buffer (ref §2, §7)");
	if (conf_status("ttrace_buf_info, none configured", hv_ttrace_buf_info(&ra, &v), HV_EOK))
		conf_value("ttrace_buf_info: 0 entries", v, 0);
	conf_status("ttrace_enable(1) without a buffer [T1 HV]", hv_ttrace_enable(1, &v), HV_EINVAL);
	conf_status("ttrace_buf_conf(page + 8, 128) misaligned", hv_ttrace_buf_conf((uint64_t)page + 8, 128, &v),
		    HV_EBADALIGN);
	conf_status("ttrace_buf_conf(page, 1) too small", hv_ttrace_buf_conf((uint64_t)page, 1, &v), HV_EINVAL);
	conf_true("ttrace_buf_conf too small returns the minimum", v > 1 && v <= 128, "bad minimum");
	conf_status("ttrace_buf_conf(past memory, 128)", hv_ttrace_buf_conf(env.bad_ra, 128, &v), HV_ENORADDR);
	conf_status("ttrace_buf_conf(page, 128)", hv_ttrace_buf_conf((uint64_t)page, 128, &v), HV_EOK);
	if (conf_status("ttrace_buf_info", hv_ttrace_buf_info(&ra, &v), HV_EOK))
		conf_true("ttrace_buf_info reads back page and 128", ra == (uint64_t)page && v == 128, "differs");
	conf_status("ttrace_addentry (ta 0x85)", hv_ttrace_addentry(0x1234, 1, 2, 3, 4), HV_EOK);
	conf_status("ttrace_freeze(0)", hv_ttrace_freeze(0, &v), HV_EOK);
	conf_status("ttrace_enable(0)", hv_ttrace_enable(0, &v), HV_EOK);
	conf_status("ttrace_buf_conf(0, 0) unconfigures", hv_ttrace_buf_conf(0, 0, &v), HV_EOK);

	conf_section("dump buffer (ref §2, §7: at least 8 KB on T1)");
	conf_status("dump_buf_info", hv_dump_buf_info(&ra, &v), HV_EOK);
	conf_status("dump_buf_update(page, 100) too small", hv_dump_buf_update((uint64_t)page, 100, &v), HV_EINVAL);
	conf_true("dump_buf_update too small returns the minimum, 8 KB or more", v >= 8192, "below 8 KB");
	conf_status("dump_buf_update(page + 8, 8 KB) misaligned", hv_dump_buf_update((uint64_t)page + 8, 8192, &v),
		    HV_EBADALIGN);
	conf_status("dump_buf_update(past memory, 8 KB)", hv_dump_buf_update(env.bad_ra, 8192, &v), HV_ENORADDR);
	conf_status("dump_buf_update(page, 8 KB)", hv_dump_buf_update((uint64_t)page, 8192, &v), HV_EOK);
	if (conf_status("dump_buf_info", hv_dump_buf_info(&ra, &v), HV_EOK))
		conf_true("dump_buf_info reads back page and 8 KB", ra == (uint64_t)page && v == 8192, "differs");
	conf_status("dump_buf_update(0, 0) unconfigures", hv_dump_buf_update(0, 0, &v), HV_EOK);
}

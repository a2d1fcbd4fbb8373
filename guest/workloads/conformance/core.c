/* API versioning (ref §1), the machine description (ref §6) and calls that do not exist. */
#include "conf.h"

static uint8_t md[64 * 1024] CONF_ALIGNED(16);
static char soft_state_text[32] CONF_ALIGNED(32);

static uint64_t test_tte(void)
{
	return TTE_V | (uint64_t)rt_trap_table | TTE_CP | TTE_CV | TTE_P | TTE_W | TTE_SZ_8K;
}

void conf_before_negotiation(void)
{
	uint64_t v = 0, major = 99, minor = 99;

	conf_section("before api_set_version: only CORE_TRAP calls work (ref §1)");
	conf_status("api_putchar('\\n') [core trap]", hv_api_putchar('\n'), HV_EOK);
	conf_status("cpu_myid, CORE not negotiated", hv_cpu_myid(&v), HV_EBADTRAP);
	conf_status("cons_putchar, CORE not negotiated", hv_cons_putchar('#'), HV_EBADTRAP);
	conf_status("mach_desc(0, 0), CORE not negotiated", hv_mach_desc(0, 0, &v), HV_EBADTRAP);
	conf_status("mmu_map_addr (ta 0x83), CORE not negotiated",
		    hv_mmu_map_addr(0x40000000, 0, test_tte(), HV_MMU_DMMU), HV_EBADTRAP);
	if (conf_status("api_get_version(CORE) before any set [T1 HV]",
			hv_api_get_version(HV_GRP_CORE, &major, &minor), HV_EOK))
		conf_true("api_get_version(CORE) before any set is 0.0 [T1 HV]", major == 0 && minor == 0,
			  "a group starts disabled at 0.0");
	struct hv_regs r = { .trap = HV_CORE_TRAP, .o = { 0, 0, 0, 0, 0, 4 } };
	conf_status("core trap function 4 (none)", hv_raw(&r), HV_EBADTRAP);
}

void conf_negotiation(void)
{
	uint64_t actual = 99, major = 99, minor = 99, n = 99;
	static const char one = '.';

	conf_section("api_set_version / api_get_version (ref §1)");
	conf_status("api_set_version(CORE, 1, 0)", hv_api_set_version(HV_GRP_CORE, 1, 0, &actual), HV_EOK);
	conf_value("api_set_version(CORE, 1, 0) actual minor", actual, 0);
	conf_status("cpu_myid with CORE 1.0", hv_cpu_myid(&n), HV_EOK);
	conf_status("cons_write with CORE 1.0 (a 1.1 call)", hv_cons_write((uint64_t)&one, 1, &n), HV_EBADTRAP);
	conf_status("mach_set_watchdog with CORE 1.0 (a 1.1 call)", hv_mach_set_watchdog(0, &n), HV_EBADTRAP);
	conf_status("cpu_stop(64) with CORE 1.0 (a 1.1 call)", hv_cpu_stop(64), HV_EBADTRAP);
	if (conf_status("api_get_version(CORE) at 1.0", hv_api_get_version(HV_GRP_CORE, &major, &minor), HV_EOK))
		conf_true("api_get_version(CORE) reads 1.0", major == 1 && minor == 0, "not 1.0");

	conf_status("api_set_version(CORE, 1, 6)", hv_api_set_version(HV_GRP_CORE, 1, 6, &actual), HV_EOK);
	conf_value("api_set_version(CORE, 1, 6) lowers the minor to the T1's 1", actual, 1);
	if (conf_status("api_get_version(CORE) at 1.1", hv_api_get_version(HV_GRP_CORE, &major, &minor), HV_EOK))
		conf_true("api_get_version(CORE) reads 1.1", major == 1 && minor == 1, "not 1.1");
	conf_status("cons_write(buf, 0) with CORE 1.1", hv_cons_write((uint64_t)&one, 0, &n), HV_EOK);
	conf_status("api_set_version(CORE, 2, 0)", hv_api_set_version(HV_GRP_CORE, 2, 0, &actual), HV_ENOTSUPPORTED);
	if (conf_status("api_get_version(CORE) after a refused set", hv_api_get_version(HV_GRP_CORE, &major, &minor), HV_EOK))
		conf_true("a refused api_set_version keeps CORE 1.1", major == 1 && minor == 1, "version changed");

	conf_status("api_set_version(SUN4V, 1, 0)", hv_api_set_version(HV_GRP_SUN4V, 1, 0, &actual), HV_EOK);
	conf_value("api_set_version(SUN4V, 1, 0) actual minor", actual, 0);
	conf_status("api_set_version(SUN4V, 1, 3)", hv_api_set_version(HV_GRP_SUN4V, 1, 3, &actual), HV_EOK);
	conf_value("api_set_version(SUN4V, 1, 3) always reports minor 0", actual, 0);
	/* ref: SUN4V accepts only major 1; the generic rule says ENOTSUPPORTED, the T1 HV EINVAL. */
	conf_status_either("api_set_version(SUN4V, 2, 0)", hv_api_set_version(HV_GRP_SUN4V, 2, 0, &actual),
			   HV_EINVAL, HV_ENOTSUPPORTED);
	if (conf_status("api_get_version(SUN4V)", hv_api_get_version(HV_GRP_SUN4V, &major, &minor), HV_EOK))
		conf_true("api_get_version(SUN4V) reads 1.0", major == 1 && minor == 0, "not 1.0");
	conf_status("api_set_version(0x999 unknown group)", hv_api_set_version(0x999, 1, 0, &actual), HV_EINVAL);
	conf_status("api_set_version(0x104 RNG, not on T1)", hv_api_set_version(0x104, 1, 0, &actual), HV_EINVAL);
	conf_status("api_get_version(0x999 unknown group) [T1 HV]", hv_api_get_version(0x999, &major, &minor), HV_EINVAL);

	/* Enabling and disabling a group, with SOFTSTATE 1.0 (ref §1: major 0 disables). */
	conf_status("soft_state_get before SOFTSTATE is negotiated",
		    hv_soft_state_get((uint64_t)soft_state_text, &n), HV_EBADTRAP);
	conf_status("api_set_version(SOFTSTATE, 1, 0)", hv_api_set_version(HV_GRP_SOFT_STATE, 1, 0, &actual), HV_EOK);
	conf_status("soft_state_get with SOFTSTATE 1.0", hv_soft_state_get((uint64_t)soft_state_text, &n), HV_EOK);
	conf_status("api_set_version(SOFTSTATE, 0, 0) disables", hv_api_set_version(HV_GRP_SOFT_STATE, 0, 0, &actual), HV_EOK);
	conf_status("soft_state_get with SOFTSTATE disabled", hv_soft_state_get((uint64_t)soft_state_text, &n), HV_EBADTRAP);
	conf_status("api_set_version(SOFTSTATE, 1, 0) again", hv_api_set_version(HV_GRP_SOFT_STATE, 1, 0, &actual), HV_EOK);
}

struct md_element {
	uint8_t tag, name_len;
	uint16_t reserved;
	uint32_t name_offset;
	uint64_t value;
};

/* Walks the MD (ref §6): cpu node ids and the first mblock. Returns 0 if malformed. */
static int parse_md(uint64_t len)
{
	const uint32_t *h = (const uint32_t *)md;
	uint64_t node_sz = h[1], name_sz = h[2], data_sz = h[3];

	if (h[0] != 0x00010000 || 16 + node_sz + name_sz + data_sz > len || node_sz % 16 != 0)
		return 0;
	const struct md_element *e = (const struct md_element *)(md + 16);
	const char *names = (const char *)md + 16 + node_sz;
	uint64_t count = node_sz / 16;
	const char *node = "";
	int have_mblock = 0;

	env.md_cpus = 0;
	for (uint64_t i = 0; i < count && e[i].tag != 0; i++) {
		if (e[i].name_offset >= name_sz)
			return 0;
		const char *name = names + e[i].name_offset;
		if (e[i].tag == 'N')
			node = name;
		else if (e[i].tag == 'v' && strcmp(node, "cpu") == 0 && strcmp(name, "id") == 0 &&
			 env.md_cpus < RT_MAX_STRANDS)
			env.md_cpu_ids[env.md_cpus++] = e[i].value;
		else if (e[i].tag == 'v' && strcmp(node, "mblock") == 0 && !have_mblock) {
			if (strcmp(name, "base") == 0)
				env.mem_base = e[i].value;
			else if (strcmp(name, "size") == 0)
				env.mem_size = e[i].value;
		} else if (e[i].tag == 'E' && strcmp(node, "mblock") == 0 && env.mem_size != 0)
			have_mblock = 1;
	}
	return env.md_cpus > 0 && have_mblock;
}

void conf_machine_description(void)
{
	uint64_t need = 0, got = 0, state;

	conf_section("mach_desc (ref §2, §6)");
	env.bad_ra = 0x7000000000UL;    /* until the MD says where memory ends */
	conf_status("mach_desc(0, 0)", hv_mach_desc(0, 0, &need), HV_EINVAL);
	conf_true("mach_desc(0, 0) returns the size, a multiple of 16", need > 16 && need % 16 == 0, "bad size");
	conf_status("mach_desc(buf, 16) too small", hv_mach_desc((uint64_t)md, 16, &got), HV_EINVAL);
	conf_value("mach_desc(buf, 16) still returns the size", got, need);
	conf_status("mach_desc(buf + 8, size) misaligned", hv_mach_desc((uint64_t)md + 8, need, &got), HV_EBADALIGN);
	conf_status("mach_desc(past memory, size)", hv_mach_desc(env.bad_ra, need, &got), HV_ENORADDR);
	if (need > sizeof md) {
		conf_skip("mach_desc(buf, size)", "the MD is larger than the test's 64 KB buffer");
		return;
	}
	if (!conf_status("mach_desc(buf, size)", hv_mach_desc((uint64_t)md, sizeof md, &got), HV_EOK))
		return;
	conf_value("mach_desc(buf, size) returns the size", got, need);
	if (!conf_true("the MD parses: header 1.0, cpu nodes with id, an mblock", parse_md(got), "malformed"))
		return;
	env.bad_ra = env.mem_base + env.mem_size;
	conf_info("MD: %d cpus, memory 0x%lx + 0x%lx", env.md_cpus, env.mem_base, env.mem_size);
	conf_true("the image lies in the MD's memory",
		  (uint64_t)rt_trap_table >= env.mem_base && (uint64_t)__text_end <= env.bad_ra, "outside");
	conf_status("mach_desc(past memory, size)", hv_mach_desc(env.bad_ra, need, &got), HV_ENORADDR);

	/* cpu_state answers exactly for the MD's cpus (ref §4). */
	int agree = 1;
	for (uint64_t id = 0; id < 64; id++) {
		int in_md = 0;
		for (int i = 0; i < env.md_cpus; i++)
			in_md |= env.md_cpu_ids[i] == id;
		long st = hv_cpu_state(id, &state);
		if ((st == HV_EOK) != in_md || (st != HV_EOK && st != HV_ENOCPU)) {
			conf_info("cpu %lu: in MD %d, cpu_state -> %s", id, in_md, hv_status_name(st));
			agree = 0;
		}
	}
	conf_true("cpu_state is EOK for the MD's cpus and ENOCPU for ids 0..63 not in it", agree, "disagree");
	conf_value("the runtime found as many strands as the MD lists", (uint64_t)rt_nstrands, (uint64_t)env.md_cpus);
}

static void raw_fast(const char *name, uint64_t fn)
{
	struct hv_regs r = { .trap = HV_FAST_TRAP, .o = { 0, 0, 0, 0, 0, fn } };
	conf_status(name, hv_raw(&r), HV_EBADTRAP);
}

static void raw_trap(const char *name, uint64_t trap)
{
	struct hv_regs r = { .trap = trap };
	conf_status(name, hv_raw(&r), HV_EBADTRAP);
}

void conf_unknown_calls(void)
{
	conf_section("functions and trap numbers that do not exist (ref §1, §2)");
	raw_fast("fast trap function 0x03", 0x03);
	raw_fast("fast trap function 0x13 (cpu_poke, absent on T1)", 0x13);
	raw_fast("fast trap function 0xe8 (LDC_IRQ_CPU, in no table)", 0xe8);
	raw_fast("fast trap function 0x3ff", 0x3ff);
	raw_trap("ta 0x81", 0x81);
	raw_trap("ta 0x82", 0x82);
	raw_trap("ta 0x86", 0x86);
	raw_trap("ta 0x87", 0x87);
	raw_trap("ta 0xfe", 0xfe);
}

/* The conformance run: the framework (PASS/FAIL lines, totals) and the order of the groups. */
#include "conf.h"

/* The suite negotiates the API itself (its first checks run before any negotiation). */
const int rt_auto_init = 0;

struct conf_env env;
static int passed, failed, skipped;

#define TIMEOUT_TICKS 50000000UL

void conf_section(const char *title)
{
	printf("-- %s\n", title);
}

static int report(const char *name, int ok, const char *detail)
{
	if (ok) {
		passed++;
		printf("PASS  %s\n", name);
	} else {
		failed++;
		printf("FAIL  %s: %s\n", name, detail);
	}
	return ok;
}

int conf_status(const char *name, long got, long expected)
{
	char detail[96];
	snprintf(detail, sizeof detail, "got %s (%ld), expected %s", hv_status_name(got), got,
		 hv_status_name(expected));
	return report(name, got == expected, detail);
}

int conf_status_either(const char *name, long got, long expected, long also_allowed)
{
	char detail[112];
	snprintf(detail, sizeof detail, "got %s (%ld), expected %s or %s", hv_status_name(got), got,
		 hv_status_name(expected), hv_status_name(also_allowed));
	return report(name, got == expected || got == also_allowed, detail);
}

int conf_value(const char *name, uint64_t got, uint64_t expected)
{
	char detail[96];
	snprintf(detail, sizeof detail, "got 0x%lx, expected 0x%lx", got, expected);
	return report(name, got == expected, detail);
}

int conf_true(const char *name, int ok, const char *detail)
{
	return report(name, ok, detail);
}

void conf_skip(const char *name, const char *why)
{
	skipped++;
	printf("SKIP  %s: %s\n", name, why);
}

void conf_info(const char *fmt, ...)
{
	char line[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	printf("info  %s\n", line);
}

int conf_wait_eq(volatile uint64_t *p, uint64_t value)
{
	uint64_t t0 = rt_tick();
	while (*p != value) {
		if (rt_tick() - t0 > TIMEOUT_TICKS)
			return 0;
	}
	return 1;
}

int conf_wait_ge(volatile uint64_t *p, uint64_t value)
{
	uint64_t t0 = rt_tick();
	while (*p < value) {
		if (rt_tick() - t0 > TIMEOUT_TICKS)
			return 0;
	}
	return 1;
}

int main(void)
{
	printf("conformance: sun4v hypercalls vs shared/reference/sun4v-hypervisor-api.md\n");
	conf_before_negotiation();
	conf_negotiation();
	rt_init();      /* the runtime's own set-up: queues, fault area, interrupts on */
	conf_machine_description();
	conf_unknown_calls();
	conf_cpu();
	conf_start_state();
	conf_cpu_start_stop();
	conf_mondo();
	conf_console();
	conf_services();
	conf_mmu();
	conf_cpu_stop_restart();
	printf("conformance: %d passed, %d failed, %d skipped\n", passed, failed, skipped);
	return failed == 0 ? RT_EXIT_OK : RT_EXIT_FAILED;
}

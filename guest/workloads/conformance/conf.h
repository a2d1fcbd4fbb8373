/*
 * Guest-side hypercall conformance: every call with good and bad arguments, each status and
 * result checked against shared/reference/sun4v-hypervisor-api.md ("ref §n"). Where the
 * reference defers to Sun's T1 hypervisor the check says "[T1 HV]". One line per check:
 * "PASS name" or "FAIL name: got ..., expected ...". The run ends with
 * "conformance: N passed, N failed, N skipped" and mach_exit(0) only if nothing failed.
 */
#ifndef CONF_H
#define CONF_H

#include "rt.h"

/* What the machine description and the runtime tell the tests. */
struct conf_env {
	uint64_t mem_base, mem_size;    /* the first mblock */
	uint64_t bad_ra;                /* the first RA past guest memory */
	uint64_t helper;                /* another strand for the cross-strand tests */
	int have_helper;
	int md_cpus;
	uint64_t md_cpu_ids[RT_MAX_STRANDS];
};
extern struct conf_env env;

void conf_section(const char *title);
/* Each returns 1 if the check passed. */
int conf_status(const char *name, long got, long expected);
int conf_status_either(const char *name, long got, long expected, long also_allowed);
int conf_value(const char *name, uint64_t got, uint64_t expected);
int conf_true(const char *name, int ok, const char *detail);
void conf_skip(const char *name, const char *why);
void conf_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int conf_wait_eq(volatile uint64_t *p, uint64_t value);         /* bounded by %tick */
int conf_wait_ge(volatile uint64_t *p, uint64_t value);

/* The helper strand (cpu.c): runs commands for the boot strand and logs the mondos it gets. */
enum helper_command {
	HELPER_NOTHING, HELPER_IRQ_OFF_TINY_QUEUE, HELPER_IRQ_ON, HELPER_NORMAL_QUEUE,
	HELPER_SEND_TO_BOOT, HELPER_RETURN,
};
struct helper_state {
	volatile uint64_t command, argument, posted, acknowledged;
	volatile uint64_t logged;       /* mondos taken */
	uint64_t log[8][8];             /* the last 8, by logged % 8 */
	volatile long status;           /* result of the last command's hypercall */
};
extern struct helper_state helper;
void helper_main(void *unused);
void helper_mondo(const uint64_t m[8]);
int helper_do(uint64_t command, uint64_t argument, int wait);

/* Test groups, in the order main runs them. */
void conf_before_negotiation(void);
void conf_negotiation(void);
void conf_machine_description(void);
void conf_unknown_calls(void);
void conf_cpu(void);
void conf_start_state(void);
void conf_cpu_start_stop(void);
void conf_mondo(void);
void conf_cpu_stop_restart(void);
void conf_console(void);
void conf_services(void);
void conf_mmu(void);

#define CONF_ALIGNED(n) __attribute__((aligned(n)))

/* The machine has no MMU model yet and serves no MMU function (src/Hypervisor/Sun4v/
 * FastTrapFunction.cs), so by ref §1 each must answer EBADTRAP; mmu.c checks that. Set to 1
 * when the MMU services arrive to run their argument checks instead. */
#ifndef CONF_MMU_SERVICES
#define CONF_MMU_SERVICES 0
#endif

#endif

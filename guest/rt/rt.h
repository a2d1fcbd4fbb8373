/*
 * The guest runtime: what a workload sees. The runtime boots the boot strand, negotiates the
 * API (SUN4V 1.0, CORE 1.1), gives every strand a stack, a cpu-mondo queue and a fault area,
 * and calls main() on the boot strand with interrupts (cross-calls) enabled. main's return
 * value becomes the mach_exit code. See guest/README.md for the contract with the machine.
 */
#ifndef RT_RT_H
#define RT_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "asm.h"
#include "hv.h"

/* The registers a strand found when it started (start.S fills it; ref §4 says what to expect). */
struct rt_start_state {
	uint64_t o0, i0, i1, tl, gl, pil, pstate, cwp;
	uint64_t cansave, canrestore, cleanwin, otherwin, wstate, tba, fprs;
	uint64_t or_globals;    /* %g1 | ... | %g7 */
	uint64_t or_window;     /* every other register of the starting window */
	uint64_t valid;
};

typedef void (*rt_strand_fn)(void *arg);

enum rt_strand_state { RT_STRAND_IDLE, RT_STRAND_STARTING, RT_STRAND_RUNNING, RT_STRAND_DONE };

/* One per strand id; the trap handlers find it through scratchpad SCRATCH_STRAND. */
struct rt_strand {
	uint64_t stack_top;             /* RS_STACK_TOP */
	uint64_t id;                    /* RS_ID */
	uint64_t qbase;                 /* RS_QBASE: cpu-mondo queue RA */
	uint64_t qmask;                 /* RS_QMASK: queue bytes - 1 */
	rt_strand_fn fn;
	void *arg;
	volatile uint64_t state;        /* enum rt_strand_state */
	volatile uint64_t mondos;       /* cpu mondos this strand handled */
	struct rt_start_state start;    /* RS_START_STATE */
	uint64_t fault_area;            /* RA of its MMU fault area, 0 if not configured */
	uint8_t pad[RS_SIZE - RS_START_STATE - RSS_SIZE - 8];
} __attribute__((aligned(64)));

extern struct rt_strand rt_strands[RT_MAX_STRANDS];
extern struct rt_start_state rt_boot_state;     /* the boot strand's start state */
extern uint64_t rt_boot_arg;                    /* %o0 the boot strand started with */
extern uint64_t rt_boot_id;
extern uint64_t rt_core_minor;                  /* negotiated CORE minor */

/* Strands present in the domain (cpu_state != ENOCPU), ascending; filled by rt_init. */
extern int rt_nstrands;
extern uint64_t rt_strand_ids[RT_MAX_STRANDS];

/* Workloads may define these to change the defaults (weak in the runtime). */
extern const int rt_auto_init;                  /* 1: rt_init() before main (default) */
extern const unsigned rt_mondo_queue_entries;   /* cpu-mondo queue size, 2..64 (default 16) */

extern char rt_trap_table[];
extern char __text_start[], __text_end[];

int main(void);

/* Negotiate the API, set up the boot strand, discover strands, enable interrupts.
 * Called before main unless rt_auto_init is 0 (then main calls it). */
void rt_init(void);

void rt_exit(int code) __attribute__((noreturn));
void rt_panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* ---- strands ---- */
long rt_start(uint64_t id, rt_strand_fn fn, void *arg);    /* cpu_start with the runtime entry */
int rt_start_others(rt_strand_fn fn, void *arg);          /* every present strand but me */
void rt_join(uint64_t id);                                 /* wait until its fn returned */
void rt_join_others(void);
int rt_index_of(uint64_t id);                              /* position in rt_strand_ids, or -1 */

/* ---- cross-calls: word 0 of a mondo is the handler, run at TL 1 with interrupts off ---- */
typedef void (*rt_mondo_fn)(const uint64_t m[8]);
long rt_mondo_queue_config(unsigned entries);
/* Sends data to every target, retrying while the hypervisor says EWOULDBLOCK (counted into
 * *wouldblocks when not null). Returns EOK or the first other error. */
long rt_xcall(const uint64_t *targets, int count, const uint64_t data[8], uint64_t *wouldblocks);
void rt_mondo_dispatch(const uint64_t m[8]);

/* ---- console ---- */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
void rt_console_write(const char *s, size_t n);             /* under the console lock */
void rt_console_steal(void);                                /* fatal path: take it anyway */

/* ---- synchronisation (CASX, TSO) ---- */
typedef struct { volatile uint64_t owner; } rt_lock_t;      /* 0 free, else id + 1 */
typedef struct { volatile uint64_t count, generation; uint64_t parties; } rt_barrier_t;
void rt_lock(rt_lock_t *lock);
int rt_trylock(rt_lock_t *lock);
void rt_unlock(rt_lock_t *lock);
void rt_barrier_init(rt_barrier_t *barrier, uint64_t parties);
void rt_barrier_wait(rt_barrier_t *barrier);
uint64_t rt_atomic_add(volatile uint64_t *p, uint64_t delta);   /* returns the new value */

/* ---- string ---- */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* ---- small inline helpers ---- */
#define RT_MEMBAR_FULL() __asm__ volatile("membar #StoreLoad | #LoadLoad | #LoadStore | #StoreStore" ::: "memory")

/* CASX: if *p == expect, *p = desired. Returns the old *p either way. */
static inline uint64_t rt_casx(volatile uint64_t *p, uint64_t expect, uint64_t desired)
{
	__asm__ volatile("casx [%2], %3, %0" : "=r"(desired) : "0"(desired), "r"(p), "r"(expect) : "memory");
	return desired;
}

static inline uint64_t rt_tick(void)
{
	uint64_t t;
	__asm__ volatile("rd %%tick, %0" : "=r"(t));
	return t;
}

static inline uint64_t rt_scratchpad(uint64_t va)
{
	uint64_t v;
	__asm__ volatile("ldxa [%1] 0x20, %0" : "=r"(v) : "r"(va));
	return v;
}

/* This strand's id (scratchpad SCRATCH_CPUID, set by the runtime). */
static inline uint64_t rt_myid(void) { return rt_scratchpad(SCRATCH_CPUID); }

static inline struct rt_strand *rt_self(void)
{
	return (struct rt_strand *)rt_scratchpad(SCRATCH_STRAND);
}

/* Clear PSTATE.IE; returns the old PSTATE for rt_irq_restore. */
static inline uint64_t rt_irq_save(void)
{
	uint64_t old, tmp;
	__asm__ volatile("rdpr %%pstate, %0\n\tandn %0, %2, %1\n\twrpr %1, 0, %%pstate"
			 : "=&r"(old), "=&r"(tmp) : "i"(PSTATE_IE) : "memory");
	return old;
}

static inline void rt_irq_restore(uint64_t pstate)
{
	__asm__ volatile("wrpr %0, 0, %%pstate" : : "r"(pstate) : "memory");
}

/* PIL 0 and PSTATE.IE: cross-calls are taken from here on (ref §3: queue traps obey IE). */
static inline void rt_irq_enable(void)
{
	uint64_t tmp;
	__asm__ volatile("wrpr %%g0, 0, %%pil\n\trdpr %%pstate, %0\n\tor %0, %1, %0\n\twrpr %0, 0, %%pstate"
			 : "=&r"(tmp) : "i"(PSTATE_IE) : "memory");
}

static inline void rt_irq_disable(void) { (void)rt_irq_save(); }

/* Spin until *p == value (interrupts still served). */
static inline void rt_wait_eq(volatile uint64_t *p, uint64_t value)
{
	while (*p != value)
		;
}

#endif

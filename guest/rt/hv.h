/*
 * The sun4v hypervisor API as C (shared/reference/sun4v-hypervisor-api.md). Every call
 * returns the status (HV_EOK or an error) and stores its results through the trailing
 * pointers (a null pointer skips that result). Addresses are real addresses; with the MMU
 * off (as the runtime runs) a pointer is its own RA.
 */
#ifndef RT_HV_H
#define RT_HV_H

#include <stdint.h>
#include "asm.h"

enum hv_status {
	HV_EOK = 0, HV_ENOCPU = 1, HV_ENORADDR = 2, HV_ENOINTR = 3, HV_EBADPGSZ = 4,
	HV_EBADTSB = 5, HV_EINVAL = 6, HV_EBADTRAP = 7, HV_EBADALIGN = 8, HV_EWOULDBLOCK = 9,
	HV_ENOACCESS = 10, HV_EIO = 11, HV_ECPUERROR = 12, HV_ENOTSUPPORTED = 13, HV_ENOMAP = 14,
	HV_ETOOMANY = 15, HV_ECHANNEL = 16,
};

/* API groups (ref §1). */
#define HV_GRP_SUN4V        0x000
#define HV_GRP_CORE         0x001
#define HV_GRP_INTR         0x002
#define HV_GRP_SOFT_STATE   0x003

/* cpu_state results (ref §4). */
#define HV_CPU_STATE_STOPPED 1
#define HV_CPU_STATE_RUNNING 2
#define HV_CPU_STATE_ERROR   3

/* mmu flags (ref §5) and the sun4v TTE fields the tests use. */
#define HV_MMU_DMMU         0x1
#define HV_MMU_IMMU         0x2
#define HV_MMU_ALL          (HV_MMU_DMMU | HV_MMU_IMMU)
#define TTE_V               (1UL << 63)
#define TTE_CP              (1UL << 10)
#define TTE_CV              (1UL << 9)
#define TTE_P               (1UL << 8)
#define TTE_EP              (1UL << 7)
#define TTE_W               (1UL << 6)
#define TTE_SZ_8K           0
#define TTE_SZ_64K          1
#define TTE_SZ_4M           3

#define HV_CPU_LIST_DONE    0xffff  /* cpu_mondo_send marks delivered list entries */

/* TSB descriptor (ref §5). */
struct hv_tsb_descr {
	uint16_t pgsz_idx;
	uint16_t assoc;
	uint32_t num_ttes;
	uint32_t ctx_idx;
	uint32_t pgsz_mask;
	uint64_t base_ra;
	uint64_t reserved;
};

long hv_api_set_version(uint64_t group, uint64_t major, uint64_t minor, uint64_t *actual_minor);
long hv_api_putchar(uint64_t ch);
long hv_api_exit(uint64_t code);
long hv_api_get_version(uint64_t group, uint64_t *major, uint64_t *minor);

long hv_mach_exit(uint64_t code);
long hv_mach_desc(uint64_t buf, uint64_t len, uint64_t *actual_len);
long hv_mach_sir(void);
long hv_mach_set_watchdog(uint64_t ms, uint64_t *remaining);

long hv_cpu_start(uint64_t id, uint64_t pc, uint64_t rtba, uint64_t arg);
long hv_cpu_stop(uint64_t id);
long hv_cpu_yield(void);
long hv_cpu_qconf(uint64_t queue, uint64_t base, uint64_t entries);
long hv_cpu_qinfo(uint64_t queue, uint64_t *base, uint64_t *entries);
long hv_cpu_myid(uint64_t *id);
long hv_cpu_state(uint64_t id, uint64_t *state);
long hv_cpu_set_rtba(uint64_t rtba, uint64_t *old_rtba);
long hv_cpu_get_rtba(uint64_t *rtba);
long hv_cpu_mondo_send(uint64_t count, uint64_t list, uint64_t data);

long hv_mmu_tsb_ctx0(uint64_t count, uint64_t descr);
long hv_mmu_tsb_ctxnon0(uint64_t count, uint64_t descr);
long hv_mmu_demap_page(uint64_t arg0, uint64_t arg1, uint64_t va, uint64_t ctx, uint64_t flags);
long hv_mmu_demap_ctx(uint64_t arg0, uint64_t arg1, uint64_t ctx, uint64_t flags);
long hv_mmu_demap_all(uint64_t arg0, uint64_t arg1, uint64_t flags);
long hv_mmu_map_perm_addr(uint64_t va, uint64_t ctx, uint64_t tte, uint64_t flags);
long hv_mmu_fault_area_conf(uint64_t ra, uint64_t *old_ra);
long hv_mmu_enable(uint64_t enable, uint64_t target);
long hv_mmu_unmap_perm_addr(uint64_t va, uint64_t ctx, uint64_t flags);
long hv_mmu_tsb_ctx0_info(uint64_t max, uint64_t buf, uint64_t *count);
long hv_mmu_tsb_ctxnon0_info(uint64_t max, uint64_t buf, uint64_t *count);
long hv_mmu_fault_area_info(uint64_t *ra);
long hv_mmu_map_addr(uint64_t va, uint64_t ctx, uint64_t tte, uint64_t flags);
long hv_mmu_unmap_addr(uint64_t va, uint64_t ctx, uint64_t flags);

long hv_mem_scrub(uint64_t ra, uint64_t len, uint64_t *done);
long hv_mem_sync(uint64_t ra, uint64_t len, uint64_t *done);

long hv_tod_get(uint64_t *seconds);
long hv_tod_set(uint64_t seconds);

long hv_cons_getchar(uint64_t *ch);
long hv_cons_putchar(uint64_t ch);
long hv_cons_read(uint64_t buf, uint64_t len, uint64_t *count);
long hv_cons_write(uint64_t buf, uint64_t len, uint64_t *count);

long hv_soft_state_set(uint64_t state, uint64_t string_ra);
long hv_soft_state_get(uint64_t string_ra, uint64_t *state);

long hv_ttrace_buf_conf(uint64_t ra, uint64_t entries, uint64_t *result);
long hv_ttrace_buf_info(uint64_t *ra, uint64_t *entries);
long hv_ttrace_enable(uint64_t enable, uint64_t *previous);
long hv_ttrace_freeze(uint64_t freeze, uint64_t *previous);
long hv_ttrace_addentry(uint64_t tag, uint64_t d0, uint64_t d1, uint64_t d2, uint64_t d3);
long hv_dump_buf_update(uint64_t ra, uint64_t size, uint64_t *required);
long hv_dump_buf_info(uint64_t *ra, uint64_t *size);

/* Any trap number and registers: trap in, o[0..5] in and out. */
struct hv_regs {
	uint64_t trap;
	uint64_t o[6];
};
long hv_raw(struct hv_regs *regs);

/* The error's name ("EOK", "EWOULDBLOCK", ...), or "E?" for an unknown code. */
const char *hv_status_name(long status);

#endif

/*
 * Hypercall wrappers (ref §1-§7): arguments in %o0..%o4, the function number in %o5 for
 * FAST_TRAP (ta 0x80) and CORE_TRAP (ta 0xff); the trap number alone selects the function for
 * ta 0x83/0x84/0x85. The status comes back in %o0, results in %o1.. .
 *
 * Every wrapper takes a register window, so its own argument registers (%i) survive the trap
 * whatever the hypervisor does with %o0..%o5, and stores each result through the pointer
 * argument that follows the inputs (skipped when the pointer is 0). C signatures: hv.h.
 */
#include "asm.h"

/* HCALL name, trap, fn, nin [, out1 [, out2]]: nin inputs; out1/out2 are the %i registers
 * holding the pointers for %o1/%o2; fn may be empty for trap-encoded calls. */
.macro HCALL name, trap, fn, nin, out1, out2
	.text
	.align	32
	.global	\name
	.type	\name, #function
\name:
	save	%sp, -MINFRAME, %sp
	.if \nin > 0
	mov	%i0, %o0
	.endif
	.if \nin > 1
	mov	%i1, %o1
	.endif
	.if \nin > 2
	mov	%i2, %o2
	.endif
	.if \nin > 3
	mov	%i3, %o3
	.endif
	.if \nin > 4
	mov	%i4, %o4
	.endif
	.ifnb \fn
	mov	\fn, %o5
	.endif
	ta	\trap
	.ifnb \out1
	brnz,a,pt \out1, 1f
	 stx	%o1, [\out1]
1:
	.endif
	.ifnb \out2
	brnz,a,pt \out2, 2f
	 stx	%o2, [\out2]
2:
	.endif
	ret
	 restore %o0, 0, %o0
	.size	\name, . - \name
.endm

/* CORE_TRAP: available before any api_set_version. */
HCALL hv_api_set_version,	HV_CORE_TRAP, HV_CORE_SET_VER, 3, %i3
HCALL hv_api_putchar,		HV_CORE_TRAP, HV_CORE_PUTCHAR, 1
HCALL hv_api_exit,		HV_CORE_TRAP, HV_CORE_EXIT, 1
HCALL hv_api_get_version,	HV_CORE_TRAP, HV_CORE_GET_VER, 1, %i1, %i2

/* FAST_TRAP. */
HCALL hv_mach_exit,		HV_FAST_TRAP, HV_FAST_MACH_EXIT, 1
HCALL hv_mach_desc,		HV_FAST_TRAP, HV_FAST_MACH_DESC, 2, %i2
HCALL hv_mach_sir,		HV_FAST_TRAP, HV_FAST_MACH_SIR, 0
HCALL hv_mach_set_watchdog,	HV_FAST_TRAP, HV_FAST_MACH_SET_WATCHDOG, 1, %i1
HCALL hv_cpu_start,		HV_FAST_TRAP, HV_FAST_CPU_START, 4
HCALL hv_cpu_stop,		HV_FAST_TRAP, HV_FAST_CPU_STOP, 1
HCALL hv_cpu_yield,		HV_FAST_TRAP, HV_FAST_CPU_YIELD, 0
HCALL hv_cpu_qconf,		HV_FAST_TRAP, HV_FAST_CPU_QCONF, 3
HCALL hv_cpu_qinfo,		HV_FAST_TRAP, HV_FAST_CPU_QINFO, 1, %i1, %i2
HCALL hv_cpu_myid,		HV_FAST_TRAP, HV_FAST_CPU_MYID, 0, %i0
HCALL hv_cpu_state,		HV_FAST_TRAP, HV_FAST_CPU_STATE, 1, %i1
HCALL hv_cpu_set_rtba,		HV_FAST_TRAP, HV_FAST_CPU_SET_RTBA, 1, %i1
HCALL hv_cpu_get_rtba,		HV_FAST_TRAP, HV_FAST_CPU_GET_RTBA, 0, %i0
HCALL hv_mmu_tsb_ctx0,		HV_FAST_TRAP, HV_FAST_MMU_TSB_CTX0, 2
HCALL hv_mmu_tsb_ctxnon0,	HV_FAST_TRAP, HV_FAST_MMU_TSB_CTXNON0, 2
HCALL hv_mmu_demap_page,	HV_FAST_TRAP, HV_FAST_MMU_DEMAP_PAGE, 5
HCALL hv_mmu_demap_ctx,		HV_FAST_TRAP, HV_FAST_MMU_DEMAP_CTX, 4
HCALL hv_mmu_demap_all,		HV_FAST_TRAP, HV_FAST_MMU_DEMAP_ALL, 3
HCALL hv_mmu_map_perm_addr,	HV_FAST_TRAP, HV_FAST_MMU_MAP_PERM_ADDR, 4
HCALL hv_mmu_fault_area_conf,	HV_FAST_TRAP, HV_FAST_MMU_FAULT_AREA_CONF, 1, %i1
HCALL hv_mmu_enable,		HV_FAST_TRAP, HV_FAST_MMU_ENABLE, 2
HCALL hv_mmu_unmap_perm_addr,	HV_FAST_TRAP, HV_FAST_MMU_UNMAP_PERM_ADDR, 3
HCALL hv_mmu_tsb_ctx0_info,	HV_FAST_TRAP, HV_FAST_MMU_TSB_CTX0_INFO, 2, %i2
HCALL hv_mmu_tsb_ctxnon0_info,	HV_FAST_TRAP, HV_FAST_MMU_TSB_CTXNON0_INFO, 2, %i2
HCALL hv_mmu_fault_area_info,	HV_FAST_TRAP, HV_FAST_MMU_FAULT_AREA_INFO, 0, %i0
HCALL hv_mem_scrub,		HV_FAST_TRAP, HV_FAST_MEM_SCRUB, 2, %i2
HCALL hv_mem_sync,		HV_FAST_TRAP, HV_FAST_MEM_SYNC, 2, %i2
HCALL hv_cpu_mondo_send,	HV_FAST_TRAP, HV_FAST_CPU_MONDO_SEND, 3
HCALL hv_tod_get,		HV_FAST_TRAP, HV_FAST_TOD_GET, 0, %i0
HCALL hv_tod_set,		HV_FAST_TRAP, HV_FAST_TOD_SET, 1
HCALL hv_cons_getchar,		HV_FAST_TRAP, HV_FAST_CONS_GETCHAR, 0, %i0
HCALL hv_cons_putchar,		HV_FAST_TRAP, HV_FAST_CONS_PUTCHAR, 1
HCALL hv_cons_read,		HV_FAST_TRAP, HV_FAST_CONS_READ, 2, %i2
HCALL hv_cons_write,		HV_FAST_TRAP, HV_FAST_CONS_WRITE, 2, %i2
HCALL hv_soft_state_set,	HV_FAST_TRAP, HV_FAST_SOFT_STATE_SET, 2
HCALL hv_soft_state_get,	HV_FAST_TRAP, HV_FAST_SOFT_STATE_GET, 1, %i1
HCALL hv_ttrace_buf_conf,	HV_FAST_TRAP, HV_FAST_TTRACE_BUF_CONF, 2, %i2
HCALL hv_ttrace_buf_info,	HV_FAST_TRAP, HV_FAST_TTRACE_BUF_INFO, 0, %i0, %i1
HCALL hv_ttrace_enable,		HV_FAST_TRAP, HV_FAST_TTRACE_ENABLE, 1, %i1
HCALL hv_ttrace_freeze,		HV_FAST_TRAP, HV_FAST_TTRACE_FREEZE, 1, %i1
HCALL hv_dump_buf_update,	HV_FAST_TRAP, HV_FAST_DUMP_BUF_UPDATE, 2, %i2
HCALL hv_dump_buf_info,		HV_FAST_TRAP, HV_FAST_DUMP_BUF_INFO, 0, %i0, %i1

/* Trap-encoded ("hyper-fast") calls. */
HCALL hv_mmu_map_addr,		HV_MMU_MAP_ADDR_TRAP, , 4
HCALL hv_mmu_unmap_addr,	HV_MMU_UNMAP_ADDR_TRAP, , 3
HCALL hv_ttrace_addentry,	HV_TTRACE_ADDENTRY_TRAP, , 5

/*
 * long hv_raw(struct hv_regs *r): any trap number with any %o0..%o5, for the conformance
 * test's calls that no named wrapper makes (unknown functions, unused trap numbers).
 * r->trap selects the trap (Tcc reg form; privileged code may use 0x00..0xff); r->o[0..5]
 * go in and come back out. Returns %o0.
 */
	.text
	.align	32
	.global	hv_raw
	.type	hv_raw, #function
hv_raw:
	save	%sp, -MINFRAME, %sp
	ldx	[%i0 + 0x00], %l0
	ldx	[%i0 + 0x08], %o0
	ldx	[%i0 + 0x10], %o1
	ldx	[%i0 + 0x18], %o2
	ldx	[%i0 + 0x20], %o3
	ldx	[%i0 + 0x28], %o4
	ldx	[%i0 + 0x30], %o5
	ta	%l0
	stx	%o0, [%i0 + 0x08]
	stx	%o1, [%i0 + 0x10]
	stx	%o2, [%i0 + 0x18]
	stx	%o3, [%i0 + 0x20]
	stx	%o4, [%i0 + 0x28]
	stx	%o5, [%i0 + 0x30]
	ret
	 restore %o0, 0, %o0
	.size	hv_raw, . - hv_raw

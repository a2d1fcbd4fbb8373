/*
 * The trap table, first in the image: its address is the load address, so it is both the
 * RTBA (reset vectors: 0x20 POR, 0x40 watchdog, 0x60 XIR, 0x80 SIR; ref §4, §8) and the
 * %tba every strand installs. UA2005 12.x: 512 entries of 32 bytes for traps taken from
 * TL = 0, the same again at +0x4000 for traps taken from TL > 0; spill, fill, clean_window
 * and the 0x64/0x68/0x6c MMU traps own 4 entries (128 bytes) each.
 *
 * Handled here: POR (boot strand entry), spill_0_normal / fill_0_normal (64-bit biased
 * frames; WSTATE stays 0), clean_window, cpu_mondo (0x7c, from TL 0 only: the runtime never
 * sets PSTATE.IE above TL 0). Every other entry goes to rt_trap_fatal, which reports the trap
 * on the console and ends the machine with RT_EXIT_TRAP.
 */
#include "asm.h"

	.register %g2, #scratch
	.register %g3, #scratch

	/* link.ld puts this section first, at RT_BASE (32 KB aligned as %tba requires) and
	 * asserts it; no .align 0x8000 here, which would pad the file by 32 KB. */
	.section ".text.rt_traptable", "ax", @progbits
	.align	32
	.global	rt_trap_table
	.type	rt_trap_table, #function

/* One 32-byte entry that reports an unexpected trap. */
.macro FATAL
	ba,a,pt	%xcc, rt_trap_fatal
	nop; nop; nop; nop; nop; nop; nop
.endm

/* Fatal entries for trap types first..last (same numbering as ENTRY_AT). */
.macro FATALS first, last
	.org	rt_trap_table + (\first) * 32
	.rept	(\last) - (\first) + 1
	FATAL
	.endr
.endm

/* Place the entry for trap type tt; tt 0x200..0x3ff stands for "tt - 0x200 taken from
 * TL > 0", which lands at +0x4000 as required. .org fails the build if the previous entries
 * overran their slot. */
.macro ENTRY_AT tt
	.org	rt_trap_table + (\tt) * 32
.endm

/* spill_0_normal: the window to save is the current one (CWP was moved to it by the trap);
 * its %sp is a biased 64-bit frame (V9 ABI). SAVED then RETRY re-executes the SAVE. */
.macro SPILL_0_NORMAL
	stx	%l0, [%sp + STACK_BIAS + 0x00]
	stx	%l1, [%sp + STACK_BIAS + 0x08]
	stx	%l2, [%sp + STACK_BIAS + 0x10]
	stx	%l3, [%sp + STACK_BIAS + 0x18]
	stx	%l4, [%sp + STACK_BIAS + 0x20]
	stx	%l5, [%sp + STACK_BIAS + 0x28]
	stx	%l6, [%sp + STACK_BIAS + 0x30]
	stx	%l7, [%sp + STACK_BIAS + 0x38]
	stx	%i0, [%sp + STACK_BIAS + 0x40]
	stx	%i1, [%sp + STACK_BIAS + 0x48]
	stx	%i2, [%sp + STACK_BIAS + 0x50]
	stx	%i3, [%sp + STACK_BIAS + 0x58]
	stx	%i4, [%sp + STACK_BIAS + 0x60]
	stx	%i5, [%sp + STACK_BIAS + 0x68]
	stx	%i6, [%sp + STACK_BIAS + 0x70]
	stx	%i7, [%sp + STACK_BIAS + 0x78]
	saved
	retry
.endm

/* fill_0_normal: the trap moved CWP to the window to restore; its %sp (the caller's frame,
 * which the matching spill wrote) holds the 16 registers. */
.macro FILL_0_NORMAL
	ldx	[%sp + STACK_BIAS + 0x00], %l0
	ldx	[%sp + STACK_BIAS + 0x08], %l1
	ldx	[%sp + STACK_BIAS + 0x10], %l2
	ldx	[%sp + STACK_BIAS + 0x18], %l3
	ldx	[%sp + STACK_BIAS + 0x20], %l4
	ldx	[%sp + STACK_BIAS + 0x28], %l5
	ldx	[%sp + STACK_BIAS + 0x30], %l6
	ldx	[%sp + STACK_BIAS + 0x38], %l7
	ldx	[%sp + STACK_BIAS + 0x40], %i0
	ldx	[%sp + STACK_BIAS + 0x48], %i1
	ldx	[%sp + STACK_BIAS + 0x50], %i2
	ldx	[%sp + STACK_BIAS + 0x58], %i3
	ldx	[%sp + STACK_BIAS + 0x60], %i4
	ldx	[%sp + STACK_BIAS + 0x68], %i5
	ldx	[%sp + STACK_BIAS + 0x70], %i6
	ldx	[%sp + STACK_BIAS + 0x78], %i7
	restored
	retry
.endm

/* clean_window: the trap moved CWP to the new window; clear its locals and outs (its ins
 * are the caller's outs), count one more clean window, and retry the SAVE (V9 5.2.10).
 * The runtime sets CLEANWIN = NWINDOWS - 1, so this only runs if a guest lowers it. */
.macro CLEAN_WINDOW
	rdpr	%cleanwin, %l0
	add	%l0, 1, %l0
	wrpr	%l0, 0, %cleanwin
	clr	%l0; clr %l1; clr %l2; clr %l3; clr %l4; clr %l5; clr %l6; clr %l7
	clr	%o0; clr %o1; clr %o2; clr %o3; clr %o4; clr %o5; clr %o6; clr %o7
	retry
.endm

rt_trap_table:
/* ---- traps taken at TL = 0 ---- */
	FATALS	0x000, 0x000
	ENTRY_AT 0x001			/* power-on reset: the boot strand starts here */
	.global	rt_power_on_reset
rt_power_on_reset:
	ba,a,pt	%xcc, rt_boot_entry
	nop; nop; nop; nop; nop; nop; nop
	FATALS	0x002, 0x023
	ENTRY_AT 0x024
	CLEAN_WINDOW
	FATALS	0x028, 0x07b
	ENTRY_AT 0x07c
	ba,a,pt	%xcc, rt_cpu_mondo_trap
	nop; nop; nop; nop; nop; nop; nop
	FATALS	0x07d, 0x07f
	ENTRY_AT 0x080
	SPILL_0_NORMAL
	FATALS	0x084, 0x0bf
	ENTRY_AT 0x0c0
	FILL_0_NORMAL
	FATALS	0x0c4, 0x1ff

/* ---- traps taken at TL > 0 (TBA + 0x4000) ---- */
	FATALS	0x200, 0x223
	ENTRY_AT 0x224
	CLEAN_WINDOW
	FATALS	0x228, 0x27f
	ENTRY_AT 0x280
	SPILL_0_NORMAL
	FATALS	0x284, 0x2bf
	ENTRY_AT 0x2c0
	FILL_0_NORMAL
	FATALS	0x2c4, 0x3ff
	.org	rt_trap_table + 0x8000
	.size	rt_trap_table, . - rt_trap_table

/*
 * cpu_mondo (0x7c), at TL 1 with a fresh global set and PSTATE.IE = 0. The interrupted code
 * ran at TL 0 with IE = 1, so its %sp is a valid frame (the V9 ABI has no red zone below
 * %sp): take a new window on it, move every queued entry out (copy the 64 bytes, then
 * HEAD += 64 masked, ref §3) and give each to rt_mondo_dispatch(const uint64_t m[8]).
 * The handler's C code may spill and fill at TL 1 (the TL > 0 half handles those).
 */
	.text
	.align	32
	.type	rt_cpu_mondo_trap, #function
rt_cpu_mondo_trap:
	save	%sp, -(MINFRAME + MONDO_BYTES), %sp
	mov	SCRATCH_STRAND, %l0
	ldxa	[%l0] ASI_SCRATCHPAD, %l7	! %l7 = this strand's struct rt_strand
	mov	CPU_MONDO_HEAD, %l0
	mov	CPU_MONDO_TAIL, %l1
	add	%sp, STACK_BIAS + MINFRAME, %l6	! %l6 = the 64-byte copy in this frame
1:	ldxa	[%l0] ASI_QUEUE, %l2		! head
	ldxa	[%l1] ASI_QUEUE, %l3		! tail
	cmp	%l2, %l3
	be,pn	%xcc, 2f
	 ldx	[%l7 + RS_QBASE], %l4
	add	%l4, %l2, %l4			! the entry at HEAD
	ldx	[%l4 + 0x00], %l5
	stx	%l5, [%l6 + 0x00]
	ldx	[%l4 + 0x08], %l5
	stx	%l5, [%l6 + 0x08]
	ldx	[%l4 + 0x10], %l5
	stx	%l5, [%l6 + 0x10]
	ldx	[%l4 + 0x18], %l5
	stx	%l5, [%l6 + 0x18]
	ldx	[%l4 + 0x20], %l5
	stx	%l5, [%l6 + 0x20]
	ldx	[%l4 + 0x28], %l5
	stx	%l5, [%l6 + 0x28]
	ldx	[%l4 + 0x30], %l5
	stx	%l5, [%l6 + 0x30]
	ldx	[%l4 + 0x38], %l5
	stx	%l5, [%l6 + 0x38]
	ldx	[%l7 + RS_QMASK], %l5
	add	%l2, MONDO_BYTES, %l2
	and	%l2, %l5, %l2
	stxa	%l2, [%l0] ASI_QUEUE		! HEAD past the entry: the slot is free again
	call	rt_mondo_dispatch
	 mov	%l6, %o0
	ba,pt	%xcc, 1b
	 nop
2:	restore
	retry
	.size	rt_cpu_mondo_trap, . - rt_cpu_mondo_trap

/*
 * Every unexpected trap, at any TL >= 1. One strand reports (the others that fault wait on
 * rt_fatal_lock forever; the reporter ends the machine): capture the trap registers into
 * rt_fatal_info, drop to TL 0 with an empty window set on a stack of its own (the faulting
 * %sp may be the cause), and call rt_fatal_report, which prints and calls mach_exit.
 */
	.align	32
	.global	rt_trap_fatal
	.type	rt_trap_fatal, #function
rt_trap_fatal:
	sethi	%hi(rt_fatal_lock), %g1
	or	%g1, %lo(rt_fatal_lock), %g1
	mov	1, %g2
1:	casx	[%g1], %g0, %g2
	brnz,pn	%g2, 1b
	 mov	1, %g2
	sethi	%hi(rt_fatal_info), %g1
	or	%g1, %lo(rt_fatal_info), %g1
	rdpr	%tl, %g3
	stx	%g3, [%g1 + RFI_TL]
	rdpr	%tt, %g2
	stx	%g2, [%g1 + RFI_TT]
	rdpr	%tpc, %g2
	stx	%g2, [%g1 + RFI_TPC]
	rdpr	%tnpc, %g2
	stx	%g2, [%g1 + RFI_TNPC]
	rdpr	%tstate, %g2
	stx	%g2, [%g1 + RFI_TSTATE]
	rdpr	%gl, %g2
	stx	%g2, [%g1 + RFI_GL]
	stx	%sp, [%g1 + RFI_SP]
	mov	SCRATCH_CPUID, %g2
	ldxa	[%g2] ASI_SCRATCHPAD, %g2
	stx	%g2, [%g1 + RFI_CPUID]
	cmp	%g3, 2
	bl,pt	%xcc, 2f
	 sub	%g3, 1, %g3
	wrpr	%g3, 0, %tl			! the level below: what the handler was doing
	rdpr	%tt, %g2
	stx	%g2, [%g1 + RFI_TT1]
	rdpr	%tpc, %g2
	stx	%g2, [%g1 + RFI_TPC1]
	rdpr	%tnpc, %g2
	stx	%g2, [%g1 + RFI_TNPC1]
2:	wrpr	%g0, 0, %tl
	wrpr	%g0, 0, %wstate
	wrpr	%g0, 0, %otherwin
	wrpr	%g0, 0, %canrestore
	wrpr	%g0, NWINDOWS - 2, %cansave
	wrpr	%g0, NWINDOWS - 1, %cleanwin
	sethi	%hi(rt_fatal_stack + RT_FATAL_STACK_SIZE), %g2
	or	%g2, %lo(rt_fatal_stack + RT_FATAL_STACK_SIZE), %g2
	sub	%g2, STACK_BIAS + MINFRAME, %sp
	mov	%g0, %fp
	call	rt_fatal_report
	 mov	%g1, %o0
3:	ba,a,pt	%xcc, 3b
	.size	rt_trap_fatal, . - rt_trap_fatal

	.section ".rt_stacks", "aw", @nobits
	.align	64
	.type	rt_fatal_stack, #object
rt_fatal_stack:
	.skip	RT_FATAL_STACK_SIZE
	.size	rt_fatal_stack, RT_FATAL_STACK_SIZE

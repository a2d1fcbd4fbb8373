/*
 * Strand entry. The hypervisor starts the boot strand at RTBA + 0x20 (the POR entry of
 * rt_trap_table jumps to rt_boot_entry) and every strand started with cpu_start at the pc it
 * was given (rt_strand_entry). Both arrive in the T1 HV start state (ref §4): TL = 2, GL = 2,
 * PSTATE = PRIV (IE = 0, PEF = 0), PIL = 15, MMU off, %o0 = the cpu_start argument (the boot
 * strand also gets %i0 = RA base, %i1 = its size). Both record that state for the conformance
 * test, then set up a privileged TL 0 C environment:
 *   TL 0, GL 0, %tba = rt_trap_table, WSTATE 0 (spill_0_normal/fill_0_normal: 64-bit
 *   frames), CANSAVE 6, CANRESTORE 0, OTHERWIN 0, CLEANWIN 7 (no clean_window traps),
 *   PSTATE = PRIV | PEF with FPRS.FEF (FP usable; IE stays 0 until the C code enables it),
 *   a biased stack (%sp = top - 2047 - 176) and %fp = 0 to end the frame chain.
 * CWP is left as found: changing it would lose %o0.
 */
#include "asm.h"

	.register %g2, #scratch
	.register %g3, #scratch

/* Store the start state into the struct rt_start_state at base (a global other than %g1),
 * reading %g1..%g7 first (OR-ed into %g1) since base and the scratch registers are globals.
 * Clobbers %g1 and \tmp. */
.macro CAPTURE_START_STATE base, tmp
	stx	%o0, [\base + RSS_O0]
	stx	%i0, [\base + RSS_I0]
	stx	%i1, [\base + RSS_I1]
	rdpr	%tl, \tmp
	stx	\tmp, [\base + RSS_TL]
	rdpr	%gl, \tmp
	stx	\tmp, [\base + RSS_GL]
	rdpr	%pil, \tmp
	stx	\tmp, [\base + RSS_PIL]
	rdpr	%pstate, \tmp
	stx	\tmp, [\base + RSS_PSTATE]
	rdpr	%cwp, \tmp
	stx	\tmp, [\base + RSS_CWP]
	rdpr	%cansave, \tmp
	stx	\tmp, [\base + RSS_CANSAVE]
	rdpr	%canrestore, \tmp
	stx	\tmp, [\base + RSS_CANRESTORE]
	rdpr	%cleanwin, \tmp
	stx	\tmp, [\base + RSS_CLEANWIN]
	rdpr	%otherwin, \tmp
	stx	\tmp, [\base + RSS_OTHERWIN]
	rdpr	%wstate, \tmp
	stx	\tmp, [\base + RSS_WSTATE]
	rdpr	%tba, \tmp
	stx	\tmp, [\base + RSS_TBA]
	rd	%fprs, \tmp
	stx	\tmp, [\base + RSS_FPRS]
	or	%l0, %l1, \tmp
	or	\tmp, %l2, \tmp
	or	\tmp, %l3, \tmp
	or	\tmp, %l4, \tmp
	or	\tmp, %l5, \tmp
	or	\tmp, %l6, \tmp
	or	\tmp, %l7, \tmp
	or	\tmp, %o1, \tmp
	or	\tmp, %o2, \tmp
	or	\tmp, %o3, \tmp
	or	\tmp, %o4, \tmp
	or	\tmp, %o5, \tmp
	or	\tmp, %o6, \tmp
	or	\tmp, %o7, \tmp
	or	\tmp, %i2, \tmp
	or	\tmp, %i3, \tmp
	or	\tmp, %i4, \tmp
	or	\tmp, %i5, \tmp
	or	\tmp, %i6, \tmp
	or	\tmp, %i7, \tmp
	stx	\tmp, [\base + RSS_OR_WINDOW]
	stx	%g1, [\base + RSS_OR_GLOBALS]
	mov	1, \tmp
	stx	\tmp, [\base + RSS_VALID]
.endm

/* The privileged set-up both entries share (see the header comment). Clobbers \tmp. */
.macro PRIV_INIT tmp
	wrpr	%g0, 0, %tl
	sethi	%hi(rt_trap_table), \tmp
	or	\tmp, %lo(rt_trap_table), \tmp
	wrpr	\tmp, 0, %tba
	wrpr	%g0, 0, %wstate
	wrpr	%g0, 0, %otherwin
	wrpr	%g0, 0, %canrestore
	wrpr	%g0, NWINDOWS - 2, %cansave
	wrpr	%g0, NWINDOWS - 1, %cleanwin
	wrpr	%g0, 15, %pil
	wrpr	%g0, PSTATE_PRIV | PSTATE_PEF, %pstate
	wr	%g0, FPRS_FEF, %fprs
	wrpr	%g0, 0, %gl
.endm

	.text
	.align	32
	.global	rt_boot_entry
	.type	rt_boot_entry, #function
rt_boot_entry:
	/* Fold the starting globals before any of them is used as scratch. */
	or	%g1, %g2, %g1
	or	%g1, %g3, %g1
	or	%g1, %g4, %g1
	or	%g1, %g5, %g1
	or	%g1, %g6, %g1
	or	%g1, %g7, %g1
	sethi	%hi(rt_boot_state), %g2
	or	%g2, %lo(rt_boot_state), %g2
	CAPTURE_START_STATE %g2, %g3

	/* Zero .bss (the loader need not). Both bounds are 64-byte aligned (link.ld). */
	sethi	%hi(__bss_start), %g2
	or	%g2, %lo(__bss_start), %g2
	sethi	%hi(__bss_end), %g3
	or	%g3, %lo(__bss_end), %g3
1:	cmp	%g2, %g3
	bgeu,pn	%xcc, 2f
	 nop
	stx	%g0, [%g2 + 0x00]
	stx	%g0, [%g2 + 0x08]
	stx	%g0, [%g2 + 0x10]
	stx	%g0, [%g2 + 0x18]
	stx	%g0, [%g2 + 0x20]
	stx	%g0, [%g2 + 0x28]
	stx	%g0, [%g2 + 0x30]
	stx	%g0, [%g2 + 0x38]
	ba,pt	%xcc, 1b
	 add	%g2, 64, %g2
2:
	PRIV_INIT %g2
	sethi	%hi(rt_boot_stack + RT_BOOT_STACK_SIZE), %g2
	or	%g2, %lo(rt_boot_stack + RT_BOOT_STACK_SIZE), %g2
	sub	%g2, STACK_BIAS + MINFRAME, %sp
	mov	%g0, %fp
	call	rt_boot			! rt_boot(arg): never returns
	 nop
3:	ba,a,pt	%xcc, 3b
	.size	rt_boot_entry, . - rt_boot_entry

/* A strand started by rt_start(): %o0 = its struct rt_strand (RS_STACK_TOP set). */
	.align	32
	.global	rt_strand_entry
	.type	rt_strand_entry, #function
rt_strand_entry:
	or	%g1, %g2, %g1
	or	%g1, %g3, %g1
	or	%g1, %g4, %g1
	or	%g1, %g5, %g1
	or	%g1, %g6, %g1
	or	%g1, %g7, %g1
	add	%o0, RS_START_STATE, %g2
	CAPTURE_START_STATE %g2, %g3
	PRIV_INIT %g2
	ldx	[%o0 + RS_STACK_TOP], %g2
	sub	%g2, STACK_BIAS + MINFRAME, %sp
	mov	%g0, %fp
	call	rt_strand_main		! rt_strand_main(struct rt_strand *): never returns
	 nop
1:	ba,a,pt	%xcc, 1b
	.size	rt_strand_entry, . - rt_strand_entry

/* Stacks: not part of .bss, so the boot code's .bss clear never runs over its own stack. */
	.section ".rt_stacks", "aw", @nobits
	.align	64
	.global	rt_boot_stack, rt_stacks
	.type	rt_boot_stack, #object
rt_boot_stack:
	.skip	RT_BOOT_STACK_SIZE
	.size	rt_boot_stack, RT_BOOT_STACK_SIZE
	.type	rt_stacks, #object
rt_stacks:
	.skip	RT_MAX_STRANDS * RT_STACK_SIZE
	.size	rt_stacks, RT_MAX_STRANDS * RT_STACK_SIZE

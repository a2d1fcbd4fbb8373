/*
 * Constants shared by the runtime's assembly and C: ABI numbers from the sun4v hypervisor
 * API (shared/reference/sun4v-hypervisor-api.md, "ref" below) and the layout of the runtime's
 * per-strand block. Only #defines here, so both .S and .c files include it.
 */
#ifndef RT_ASM_H
#define RT_ASM_H

/* SPARC V9 ABI: 64-bit frames are biased; the smallest frame holds 16 window registers
 * (128 bytes) plus the 6 argument words and the hidden struct-return word (176 bytes). */
#define STACK_BIAS          2047
#define MINFRAME            176
#define NWINDOWS            8

/* Trap numbers (ref §1). */
#define HV_FAST_TRAP        0x80
#define HV_MMU_MAP_ADDR_TRAP 0x83
#define HV_MMU_UNMAP_ADDR_TRAP 0x84
#define HV_TTRACE_ADDENTRY_TRAP 0x85
#define HV_CORE_TRAP        0xff

/* CORE_TRAP functions (ref §1). */
#define HV_CORE_SET_VER     0x00
#define HV_CORE_PUTCHAR     0x01
#define HV_CORE_EXIT        0x02
#define HV_CORE_GET_VER     0x03

/* FAST_TRAP functions (ref §2). */
#define HV_FAST_MACH_EXIT           0x00
#define HV_FAST_MACH_DESC           0x01
#define HV_FAST_MACH_SIR            0x02
#define HV_FAST_MACH_SET_WATCHDOG   0x05
#define HV_FAST_CPU_START           0x10
#define HV_FAST_CPU_STOP            0x11
#define HV_FAST_CPU_YIELD           0x12
#define HV_FAST_CPU_QCONF           0x14
#define HV_FAST_CPU_QINFO           0x15
#define HV_FAST_CPU_MYID            0x16
#define HV_FAST_CPU_STATE           0x17
#define HV_FAST_CPU_SET_RTBA        0x18
#define HV_FAST_CPU_GET_RTBA        0x19
#define HV_FAST_MMU_TSB_CTX0        0x20
#define HV_FAST_MMU_TSB_CTXNON0     0x21
#define HV_FAST_MMU_DEMAP_PAGE      0x22
#define HV_FAST_MMU_DEMAP_CTX       0x23
#define HV_FAST_MMU_DEMAP_ALL       0x24
#define HV_FAST_MMU_MAP_PERM_ADDR   0x25
#define HV_FAST_MMU_FAULT_AREA_CONF 0x26
#define HV_FAST_MMU_ENABLE          0x27
#define HV_FAST_MMU_UNMAP_PERM_ADDR 0x28
#define HV_FAST_MMU_TSB_CTX0_INFO   0x29
#define HV_FAST_MMU_TSB_CTXNON0_INFO 0x2a
#define HV_FAST_MMU_FAULT_AREA_INFO 0x2b
#define HV_FAST_MEM_SCRUB           0x31
#define HV_FAST_MEM_SYNC            0x32
#define HV_FAST_CPU_MONDO_SEND      0x42
#define HV_FAST_TOD_GET             0x50
#define HV_FAST_TOD_SET             0x51
#define HV_FAST_CONS_GETCHAR        0x60
#define HV_FAST_CONS_PUTCHAR        0x61
#define HV_FAST_CONS_READ           0x62
#define HV_FAST_CONS_WRITE          0x63
#define HV_FAST_SOFT_STATE_SET      0x70
#define HV_FAST_SOFT_STATE_GET      0x71
#define HV_FAST_TTRACE_BUF_CONF     0x90
#define HV_FAST_TTRACE_BUF_INFO     0x91
#define HV_FAST_TTRACE_ENABLE       0x92
#define HV_FAST_TTRACE_FREEZE       0x93
#define HV_FAST_DUMP_BUF_UPDATE     0x94
#define HV_FAST_DUMP_BUF_INFO       0x95

/* ASIs and their registers (ref §8, §3). */
#define ASI_SCRATCHPAD      0x20
#define ASI_QUEUE           0x25
#define SCRATCH_CPUID       0x08    /* convention: the strand's id */
#define SCRATCH_STRAND      0x10    /* runtime: address of this strand's struct rt_strand */
#define CPU_MONDO_HEAD      0x3c0
#define CPU_MONDO_TAIL      0x3c8
#define QUEUE_CPU_MONDO     0x3c
#define QUEUE_DEV_MONDO     0x3d
#define QUEUE_RESUMABLE     0x3e
#define QUEUE_NONRESUMABLE  0x3f
#define MONDO_BYTES         64

/* PSTATE bits (ref §8). */
#define PSTATE_IE           0x002
#define PSTATE_PRIV         0x004
#define PSTATE_PEF          0x010
#define FPRS_FEF            0x4

/* struct rt_strand (rt.h) field offsets, checked against the C layout in runtime.c. */
#define RS_STACK_TOP        0x00
#define RS_ID               0x08
#define RS_QBASE            0x10
#define RS_QMASK            0x18
#define RS_START_STATE      0x40    /* struct rt_start_state, RSS_* offsets below */
#define RS_SIZE             0x100

/* struct rt_start_state: the registers a strand found when it began executing. */
#define RSS_O0              0x00
#define RSS_I0              0x08
#define RSS_I1              0x10
#define RSS_TL              0x18
#define RSS_GL              0x20
#define RSS_PIL             0x28
#define RSS_PSTATE          0x30
#define RSS_CWP             0x38
#define RSS_CANSAVE         0x40
#define RSS_CANRESTORE      0x48
#define RSS_CLEANWIN        0x50
#define RSS_OTHERWIN        0x58
#define RSS_WSTATE          0x60
#define RSS_TBA             0x68
#define RSS_FPRS            0x70
#define RSS_OR_GLOBALS      0x78    /* %g1 | ... | %g7 of the starting global set */
#define RSS_OR_WINDOW       0x80    /* every other register of the window, OR-ed */
#define RSS_VALID           0x88    /* 1 once captured */
#define RSS_SIZE            0x90

/* struct rt_fatal_info (trap state captured by the fatal trap path). */
#define RFI_TL              0x00
#define RFI_TT              0x08
#define RFI_TPC             0x10
#define RFI_TNPC            0x18
#define RFI_TSTATE          0x20
#define RFI_GL              0x28
#define RFI_TT1             0x30    /* the level below, when TL >= 2 */
#define RFI_TPC1            0x38
#define RFI_TNPC1           0x40
#define RFI_CPUID           0x48
#define RFI_SP              0x50    /* %sp of the window that trapped */
#define RFI_SIZE            0x58

#define RT_MAX_STRANDS      32
#define RT_STACK_SIZE       0x4000
#define RT_BOOT_STACK_SIZE  0x8000
#define RT_FATAL_STACK_SIZE 0x2000
#define RT_MAX_QUEUE_ENTRIES 64     /* queue area per strand: 64 x 64 B = 4 KB, 4 KB aligned */

/* Exit codes given to mach_exit. */
#define RT_EXIT_OK          0
#define RT_EXIT_FAILED      1       /* a workload's own check failed */
#define RT_EXIT_PANIC       2       /* the runtime gave up (rt_panic) */
#define RT_EXIT_TRAP        3       /* an unexpected trap (the fatal trap path) */

#endif

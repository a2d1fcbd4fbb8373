namespace Niagara.Hypervisor.Tests.Sun4v;

/// <summary>
/// Assembly pieces for cross-call tests. Per strand: results slot (256 bytes; the mondo data
/// block at +64, the cpu list at +128, the handler's counters at +224 handled count, +232 sum
/// of word 0, +240 %tick of the last handling), a 4 KB cpu-mondo queue at queues + id * 4096.
/// The trap-0x7c handler consumes one entry per trap (like Linux): reads HEAD/TAIL, adds word
/// 0 of the entry to the sum, counts it, stores HEAD past it, `retry`.
/// </summary>
public static class MondoGuest
{
    public const int HandledCount = 28;
    public const int Word0Sum = 29;
    public const int LastHandledTick = 30;

    /// <summary>Macros: QSETUP n (queue of n entries + scratchpads + %tba), IE_ON, IE_OFF.</summary>
    public const string Macros = """
        .macro QSETUP n
            HCALL 0x16
            set queues, %l0
            sllx %o1, 12, %o2
            add %l0, %o2, %l0
            mov 0x3c, %o0
            mov %l0, %o1
            mov \n, %o2
            HCALL 0x14
            RESULT %o0, 27
            stxa %g7, [%g0] 0x20
            mov 8, %g1
            stxa %l0, [%g1] 0x20
            mov 0x10, %g1
            set (\n * 64 - 1), %g2
            stxa %g2, [%g1] 0x20
            set trap_table, %g1
            wrpr %g1, %tba
        .endm
        .macro IE_ON
            rdpr %pstate, %g1
            or %g1, 2, %g1
            wrpr %g1, %pstate
        .endm
        ! cpu_mondo_send(n, slot+128, slot+64) -> %o0
        .macro SEND n
            mov \n, %o0
            add %g7, 128, %o1
            add %g7, 64, %o2
            HCALL 0x42
        .endm
        ! the 16-bit list entry i of this strand's list = value
        .macro LISTSET i, value
            set \value, %g1
            sth %g1, [%g7 + 128 + (\i * 2)]
        .endm
        ! atomically add 1 to the doubleword at label
        .macro ATOMIC_INC label
            set \label, %g1
        1:  ldx [%g1], %g2
            add %g2, 1, %g3
            casx [%g1], %g2, %g3
            cmp %g2, %g3
            bne %xcc, 1b
            nop
        .endm
        ! spin until the doubleword at label equals value (a register or simm13)
        .macro WAIT_EQ label, value
            set \label, %g1
        1:  ldx [%g1], %g2
            cmp %g2, \value
            bne %xcc, 1b
            nop
        .endm
        """;

    /// <summary>Trap table (at a 32 KB boundary), the 0x7c handler, queues.</summary>
    public const string Tail = """
        mondo_handler:
            mov 0x3c0, %g1
            ldxa [%g1] 0x25, %g2
            mov 0x3c8, %g3
            ldxa [%g3] 0x25, %g4
            cmp %g2, %g4
            be,pn %xcc, 9f
            nop
            mov 0x8, %g3
            ldxa [%g3] 0x20, %g5
            ldx [%g5 + %g2], %g6
            ldxa [%g0] 0x20, %g3
            ldx [%g3 + 224], %g4
            inc %g4
            stx %g4, [%g3 + 224]
            ldx [%g3 + 232], %g4
            add %g4, %g6, %g4
            stx %g4, [%g3 + 232]
            rd %tick, %g4
            stx %g4, [%g3 + 240]
            mov 0x10, %g4
            ldxa [%g4] 0x20, %g4
            add %g2, 64, %g2
            and %g2, %g4, %g2
            stxa %g2, [%g1] 0x25
        9:  retry
        ! data on pages of their own: a store into a page of code makes the strands decode it again
        .align 8192
        results: .skip 256 * 32
        ready: .xword 0
        go: .xword 0
        finished: .xword 0
        .align 0x8000
        trap_table:
            .skip 0xf80
            ba mondo_handler
            nop
            .skip 0x4000 - 0xf80 - 8
        .align 4096
        queues: .skip 4096 * 32
        """;

    /// <summary>A whole program: macros, `.org 0x20` boot code, the tail.</summary>
    public static string Program(string boot, string more = "") =>
        Macros + "\n.org 0x20\n" + boot + "\n" + more + "\n" + Tail;
}

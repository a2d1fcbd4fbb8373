using Niagara.Memory;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Memory;

/// <summary>PREFETCH/PREFETCHA (V9 A.42) and FLUSH (V9 A.20): no effect on registers or memory.</summary>
public static class PrefetchFlushHandlers
{
    /// <summary>
    /// A hint with no architectural effect: never faults, whatever the address or ASI; only
    /// fcn 5..15 are reserved and raise illegal_instruction (fcn 16..31 are no-ops).
    /// </summary>
    public static void Prefetch(Strand s, ref Instruction i)
    {
        if (i.Rd is >= 5 and <= 15)
        {
            s.RaiseTrap(TrapType.IllegalInstruction);
        }
    }

    /// <summary>
    /// FLUSH: drops the predecoded code of the page holding the doubleword at the address, so a
    /// store made behind the page cache's back (another agent) is fetched afresh. It never
    /// faults: an unmapped address has no code to flush.
    /// </summary>
    public static void Flush<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        MemoryPage? page = s.Memory.Memory.TryGetPage(address & ~7UL);
        if (page is not null)
        {
            page.DecodedCode = null;
        }
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Niagara.Memory;
using Niagara.Strands.Execution;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands;

public sealed partial class Strand
{
    private DecodedPage? _code;
    private ulong _codeBase = ulong.MaxValue;
    private ulong _stopAt;

    /// <summary>Why the strand stopped for good, or null while it can run.</summary>
    public HaltReason? Halted { get; private set; }

    /// <summary>
    /// Executes until <paramref name="budget"/> more instructions have retired or the strand
    /// halts. Returns the number executed.
    /// </summary>
    public ulong Run(ulong budget)
    {
        ulong start = Retired;
        if (Halted is not null)
        {
            return 0;
        }

        _stopAt = start + budget;
        while (Retired < _stopAt)
        {
            try
            {
                RunLoop();
            }
            catch (MemoryFaultException fault)
            {
                TakeMemoryFault(fault);
            }
        }

        return Retired - start;
    }

    /// <summary>Stops the strand for good (guest exit, fatal signal, error state).</summary>
    public void Halt(HaltReason reason)
    {
        Halted = reason;
        _stopAt = 0;
    }

    /// <summary>Ends the current <see cref="Run"/> after the executing instruction, without halting.</summary>
    public void Yield() => _stopAt = 0;

    // HOT PATH: the execute loop. One predecoded instruction per iteration, dispatched through
    // its handler pointer; no allocation, no virtual call.
    private unsafe void RunLoop()
    {
        while (Retired < _stopAt)
        {
            ulong pc = Pc;
            ulong offset = pc - _codeBase;
            DecodedPage? code = _code;
            // code is null before the first fetch, when _codeBase (MaxValue) makes pc 0..0x1ffe look in range.
            if (offset >= MemoryPage.Size || code is null || code.Page.DecodedCode != code)
            {
                FetchPage(pc);
                continue;
            }

            ref Instruction insn = ref Unsafe.Add(
                ref MemoryMarshal.GetArrayDataReference(code.Instructions), (nint)(offset >> 2));
            InsnPc = pc;
            ulong npc = Npc;
            Pc = npc;
            Npc = npc + 4;
            Retired++;
            insn.Execute(this, ref insn);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FetchPage(ulong pc)
    {
        if ((pc & 3) != 0)
        {
            // Only reachable through state set from outside; jumps check their targets.
            InsnPc = pc;
            RaiseTrap(TrapType.MemAddressNotAligned);
            return;
        }

        MemoryPage page;
        try
        {
            page = Memory.Memory.GetPage(pc, MemoryAccessKind.Execute);
        }
        catch (MemoryFaultException)
        {
            InsnPc = pc;
            FaultAddress = pc;
            Pc = pc;
            RaiseTrap(TrapType.InstructionAccessException, pc, Npc);
            return;
        }

        _code = DecodedPage.For(page);
        _codeBase = page.BaseAddress;
    }

    private void TakeMemoryFault(MemoryFaultException fault)
    {
        // The faulting load/store has not written any register; undo its retirement.
        Retired--;
        FaultAddress = fault.Address;
        RaiseTrap(fault.Kind == MemoryAccessKind.Execute
            ? TrapType.InstructionAccessException
            : TrapType.DataAccessException);
    }
}

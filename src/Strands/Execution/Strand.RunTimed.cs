using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Niagara.Memory;
using Niagara.Memory.Timing;
using Niagara.Strands.Execution;
using Niagara.Strands.Execution.Memory;
using Niagara.Strands.Isa;
using Niagara.Strands.Timing;

namespace Niagara.Strands;

/// <summary>
/// Timing mode (`--timing t1`): the execute loop that also advances the strand's clock by the
/// T1 core's costs. <see cref="Cycle"/> is the cycle the next instruction can issue; an
/// instruction issues at it (plus any wait for an I-miss, a load-use interlock or the issue
/// slot), and its class (<see cref="InstructionTimingTable"/>) decides when the strand is ready
/// again: the next cycle, or after the latency that deselects it (a miss, a CTI, MUL/DIV, an FP
/// op). Memory operations ask the core's port with the effective address computed before the
/// instruction runs (the machine's guests run with the MMU off: address = real = physical).
/// Every cycle the clock moves lands in one field of the strand's <see cref="CpiStack"/>.
/// </summary>
public sealed partial class Strand
{
    /// <summary>The strand's timing state in timing mode; null in functional mode.</summary>
    public StrandTiming? Timing { get; private set; }

    /// <summary>Switches the strand to timing mode with <paramref name="timing"/> (kept across vCPU restarts by its owner).</summary>
    public void AttachTiming(StrandTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        Timing = timing;
        timing.FetchLine = ulong.MaxValue;
        timing.LoadRegister = byte.MaxValue;
    }

    /// <summary>
    /// Runs until the clock reaches <paramref name="stopCycle"/>, an instruction ends the slice
    /// or the strand halts. Returns the instructions executed. With a stop one cycle after the
    /// clock it issues at most one instruction (the reference schedule's step).
    /// </summary>
    private ulong RunTimed(ulong stopCycle)
    {
        ulong start = Retired;
        if (Halted is not null)
        {
            return 0;
        }

        _stopAt = ulong.MaxValue;
        while (Retired < _stopAt && Cycle < stopCycle)
        {
            try
            {
                RunTimedLoop(stopCycle);
            }
            catch (MemoryFaultException fault)
            {
                // The faulting instruction issued (at Cycle) and counted nothing yet.
                TakeMemoryFault(fault);
                Cycle++;
                Timing!.Cycles.Pipeline++;
            }
        }

        return Retired - start;
    }

    // HOT PATH (timing mode): as RunLoop, plus the clock. Simple instructions cost one array read
    // and a few adds; the rest go through ExecuteTimed.
    private unsafe void RunTimedLoop(ulong stopCycle)
    {
        StrandTiming t = Timing!;
        CoreMemoryPort port = t.Core.Port;
        CpiStack cycles = t.Cycles;
        TimingClass[] classes = InstructionTimingTable.Classes;
        while (Retired < _stopAt && Cycle < stopCycle)
        {
            ulong pc = Pc;
            ulong offset = pc - _codeBase;
            DecodedPage? code = _code;
            if (offset >= MemoryPage.Size || code is null || code.Page.DecodedCode != code)
            {
                FetchPage(pc);
                continue;
            }

            ulong now = Cycle;

            // Fetch reads 2 instructions a cycle from 32-byte lines: one L1I lookup per line. A
            // miss deselects the strand until the fill (in the reference schedule the core then
            // gives the slot to a sibling, so the loop goes round instead of issuing).
            if ((pc >> 5) != t.FetchLine)
            {
                t.FetchLine = pc >> 5;
                int fill = port.Fetch(t.Index, pc, now);
                if (fill > 0)
                {
                    cycles.InstructionMiss += (ulong)fill;
                    Cycle = now + (ulong)fill;
                    continue;
                }
            }

            ref Instruction insn = ref Unsafe.Add(
                ref MemoryMarshal.GetArrayDataReference(code.Instructions), (nint)(offset >> 2));

            // Load-use interlock: an L1-hit load's value is usable 3 cycles after its issue; a
            // younger instruction naming that register waits (fields compared as raw numbers).
            if (now < t.LoadReadyAt)
            {
                byte r = t.LoadRegister;
                if (insn.Rs1 == r || insn.Rs2 == r || insn.Rd == r)
                {
                    cycles.Pipeline += t.LoadReadyAt - now;
                    Cycle = t.LoadReadyAt;
                    continue;
                }
            }

            if (t.SlotWait256 != 0)
            {
                now += WaitForIssueSlot(t, now);
            }

            InsnPc = pc;
            ulong npc = Npc;
            Pc = npc;
            Npc = npc + 4;
            Retired++;
            Cycle = now; // %tick reads the issue cycle
            t.LastIssue = now;
            ushort spec = insn.Spec;
            TimingClass kind = spec < classes.Length ? classes[spec] : TimingClass.Simple;
            ulong stall = 0;
            if (kind == TimingClass.Simple)
            {
                insn.Execute(this, ref insn);
            }
            else
            {
                stall = ExecuteTimed(kind, ref insn, t, now);
            }

            cycles.Issued++;
            t.Instructions++;
            t.QuantumIssued++;
            Cycle = now + 1 + stall;
        }
    }

    /// <summary>
    /// Parallel scheme: the issue slot the siblings take (CoreTiming's estimate). A strand that
    /// stalled s cycles since its last issue finds s of the expected waits already served.
    /// </summary>
    private static ulong WaitForIssueSlot(StrandTiming t, ulong now)
    {
        ulong gap = now > t.LastIssue ? now - t.LastIssue - 1 : 0;
        if (gap >= 3)
        {
            return 0;
        }

        uint wait = t.SlotWait256 - Math.Min(t.SlotWait256, (uint)gap << 8);
        uint total = wait + t.SlotWaitFraction;
        t.SlotWaitFraction = total & 0xff;
        ulong whole = total >> 8;
        t.Cycles.IssueSlot += whole;
        t.QuantumSlotWait += whole;
        return whole;
    }

    /// <summary>Runs a non-simple instruction and returns the cycles it keeps the strand from issuing again after its issue cycle.</summary>
    private unsafe ulong ExecuteTimed(TimingClass kind, ref Instruction insn, StrandTiming t, ulong now)
    {
        CoreTiming core = t.Core;
        CoreTimingConfig config = core.Config;
        CpiStack cycles = t.Cycles;
        ulong wait;
        switch (kind)
        {
            case TimingClass.Load:
            case TimingClass.LoadAlternate:
            case TimingClass.FloatLoad:
            {
                if (kind == TimingClass.LoadAlternate && !IsMemoryAsi(ref insn))
                {
                    break;
                }

                long l2MissesBefore = t.MemoryCounters.L2Misses;
                int latency = core.Port.Load(t.Index, EffectiveAddress(ref insn), InstructionTimingTable.AccessBytes(insn.Spec), now);
                insn.Execute(this, ref insn);
                int frontEnd = kind == TimingClass.FloatLoad ? config.FloatLoadLatency - core.LoadHitLatency : 0;
                if (latency <= core.LoadHitLatency)
                {
                    // A hit: the next instruction may issue speculatively; a consumer waits (interlock).
                    t.LoadReadyAt = now + (ulong)(latency + frontEnd);
                    t.LoadRegister = insn.Rd;
                    return 0;
                }

                // A miss rolls back the younger instructions; the strand waits for the data.
                wait = (ulong)(latency - 1);
                if (t.MemoryCounters.L2Misses != l2MissesBefore)
                {
                    cycles.L2Miss += wait;
                }
                else
                {
                    cycles.L1Miss += wait;
                }

                cycles.Fpu += (ulong)Math.Max(frontEnd, 0);
                return wait + (ulong)Math.Max(frontEnd, 0);
            }

            case TimingClass.Store:
            case TimingClass.StoreAlternate:
            case TimingClass.FloatStore:
            {
                if (kind == TimingClass.StoreAlternate && !IsMemoryAsi(ref insn))
                {
                    break;
                }

                int full = core.Port.Store(t.Index, EffectiveAddress(ref insn), InstructionTimingTable.AccessBytes(insn.Spec), now);
                insn.Execute(this, ref insn);
                cycles.StoreBuffer += (ulong)full;
                wait = (ulong)full;
                if (kind == TimingClass.FloatStore)
                {
                    cycles.Fpu += (ulong)(config.FloatStoreLatency - 1);
                    wait += (ulong)(config.FloatStoreLatency - 1);
                }

                return wait;
            }

            case TimingClass.Atomic:
            case TimingClass.CompareAndSwap:
            {
                ulong address = kind == TimingClass.CompareAndSwap ? Reg(insn.Rs1) : EffectiveAddress(ref insn);
                int latency = core.Port.Atomic(t.Index, address, InstructionTimingTable.AccessBytes(insn.Spec), now);
                insn.Execute(this, ref insn);
                wait = (ulong)Math.Max(latency - 1, 0);
                cycles.Atomic += wait;
                return wait;
            }

            case TimingClass.FloatOperation:
            {
                int latency = core.Port.FloatingPoint(t.Index, InstructionTimingTable.FpOperationOf(insn.Spec), now);
                insn.Execute(this, ref insn);
                wait = (ulong)Math.Max(latency - 1, 0);
                cycles.Fpu += wait;
                return wait;
            }

            case TimingClass.Multiply:
            case TimingClass.Divide:
            {
                // One multiplier and one divider per core [UA s2.5]; a strand that finds the unit
                // busy waits for it (the hardware rolls it back and switches it out).
                bool reference = core.Schedule == TimingSchedule.Reference;
                bool multiply = kind == TimingClass.Multiply;
                ref ulong freeAt = ref multiply
                    ? ref (reference ? ref core.MultiplierFreeAt : ref t.MultiplierFreeAt)
                    : ref (reference ? ref core.DividerFreeAt : ref t.DividerFreeAt);
                ulong start = Math.Max(now, freeAt);
                int latency = multiply ? config.MultiplyLatency : config.DivideLatency;
                freeAt = start + (ulong)(multiply ? config.MultiplyOccupancy : config.DivideLatency);
                insn.Execute(this, ref insn);
                wait = start - now + (ulong)(latency - 1);
                cycles.MulDiv += wait;
                return wait;
            }

            case TimingClass.ControlTransfer:
                insn.Execute(this, ref insn);
                wait = (ulong)Math.Max(config.ControlTransferLatency - 2, 0);
                cycles.Pipeline += wait;
                return wait;

            case TimingClass.WindowChange:
                insn.Execute(this, ref insn);
                wait = (ulong)(config.WindowChangeLatency - 1);
                cycles.Pipeline += wait;
                return wait;
        }

        insn.Execute(this, ref insn);
        return 0;
    }

    /// <summary>rs1 + rs2, or rs1 + simm13 when the i bit is set (read before the instruction may overwrite rs1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong EffectiveAddress(ref Instruction insn) =>
        Reg(insn.Rs1) + ((insn.Word & (1u << 13)) != 0 ? (ulong)insn.Imm : Reg(insn.Rs2));

    /// <summary>Whether an alternate-space access reaches memory (not the scratchpad or queue registers, not a trap).</summary>
    private bool IsMemoryAsi(ref Instruction insn)
    {
        int asi = (insn.Word & (1u << 13)) != 0 ? Asi : insn.Aux;
        return AlternateSpace.SpaceOf(asi) is not (AsiSpace.Scratchpad or AsiSpace.Queue or AsiSpace.Unsupported);
    }
}

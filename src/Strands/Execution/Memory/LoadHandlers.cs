using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Memory;

/// <summary>
/// Integer loads (V9 A.27-A.30, UA2005 LDTW/LDTWA). HOT PATH: plain loads are a register
/// add, an alignment test and one page-cache read. A load that faults throws from the page
/// cache before any register is written, so the run loop can turn it into a precise trap.
/// </summary>
public static class LoadHandlers
{
    public static void Load<TKind, TSrc>(Strand s, ref Instruction i)
        where TKind : struct, ILoadKind
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if ((address & TKind.AlignMask) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        s.Reg(i.Rd) = TKind.Extend(TKind.Read(s.Memory, address));
    }

    /// <summary>LDSBA ... LDXA: ASI_P/S and their no-fault and little-endian forms.</summary>
    public static void LoadAlternate<TKind, TSrc>(Strand s, ref Instruction i)
        where TKind : struct, ILoadKind
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        if ((address & TKind.AlignMask) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        if (!AlternateSpace.Permitted(s, asi, address))
        {
            return;
        }

        ulong raw;
        switch (AlternateSpace.SpaceOf(asi))
        {
            case AsiSpace.Normal:
            case AsiSpace.Real:
                raw = TKind.Read(s.Memory, address);
                break;
            case AsiSpace.Scratchpad:
            case AsiSpace.Queue:
                // Register ASIs: LDXA only (UA2005 9.x: other sizes are data_access_exception).
                if (typeof(TKind) != typeof(ExtendedWord))
                {
                    AlternateSpace.Unsupported(s, address);
                }
                else if (MachineAsiRegisters.TryLoad(s, asi, address, out ulong register))
                {
                    s.Reg(i.Rd) = register;
                }

                return;
            case AsiSpace.NoFault:
                raw = s.Memory.CanRead(address) ? TKind.Read(s.Memory, address) : 0;
                break;
            default:
                // Twin, block, partial and short ASIs serve only LDTWA/LDDFA/STDFA (UA2005 10.3).
                AlternateSpace.Unsupported(s, address);
                return;
        }

        if (AlternateSpace.IsLittleEndian(asi))
        {
            raw = TKind.Swap(raw);
        }

        s.Reg(i.Rd) = TKind.Extend(raw);
    }

    /// <summary>LDTW (V9 LDD): two big-endian words into the even register rd and rd + 1.</summary>
    public static void LoadTwinWord<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if ((i.Rd & 1) != 0)
        {
            s.RaiseTrap(TrapType.IllegalInstruction);
            return;
        }

        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if ((address & 7) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        ulong pair = s.Memory.ReadU64(address);
        WritePair(s, i.Rd, pair >> 32, (uint)pair);
    }

    /// <summary>
    /// LDTWA: two words (ASI_P/S, no-fault, little-endian: each word swapped on its own), or with
    /// a twin ASI two 64-bit values from a 16-byte aligned quadword (T1 supplement, ASI 0xE2).
    /// </summary>
    public static void LoadTwinWordAlternate<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if ((i.Rd & 1) != 0)
        {
            s.RaiseTrap(TrapType.IllegalInstruction);
            return;
        }

        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        AsiSpace space = AlternateSpace.SpaceOf(asi);
        if ((address & (space == AsiSpace.Twin ? 15UL : 7UL)) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        if (!AlternateSpace.Permitted(s, asi, address))
        {
            return;
        }

        bool little = AlternateSpace.IsLittleEndian(asi);
        ulong pair;
        switch (space)
        {
            case AsiSpace.Normal:
            case AsiSpace.Real:
                pair = s.Memory.ReadU64(address);
                break;
            case AsiSpace.NoFault:
                pair = s.Memory.CanRead(address) ? s.Memory.ReadU64(address) : 0;
                break;
            case AsiSpace.Twin:
                // Both halves lie in one page (16-byte alignment), so only the first read can fault.
                ulong first = s.Memory.ReadU64(address);
                ulong second = s.Memory.ReadU64(address + 8);
                WritePair(
                    s,
                    i.Rd,
                    little ? BinaryPrimitives.ReverseEndianness(first) : first,
                    little ? BinaryPrimitives.ReverseEndianness(second) : second);
                return;
            default:
                AlternateSpace.Unsupported(s, address);
                return;
        }

        uint high = (uint)(pair >> 32), low = (uint)pair;
        if (little)
        {
            high = BinaryPrimitives.ReverseEndianness(high);
            low = BinaryPrimitives.ReverseEndianness(low);
        }

        WritePair(s, i.Rd, high, low);
    }

    /// <summary>Writes an even/odd register pair; rd = %g0 discards the first value (the rows carry the raw rd).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void WritePair(Strand s, int rd, ulong first, ulong second)
    {
        s.Reg(rd == 0 ? Strand.SinkRegister : rd) = first;
        s.Reg(rd + 1) = second;
    }
}

using System.Buffers.Binary;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Memory;

/// <summary>
/// Integer stores (V9 A.52-A.54, UA2005 STTW/STTWA). HOT PATH like the loads. The page cache
/// drops the predecoded code of any page a store touches. Store rows carry the raw rd (no
/// IntegerDestination flag), so rd = %g0 reads as zero.
/// </summary>
public static class StoreHandlers
{
    public static void Store<TKind, TSrc>(Strand s, ref Instruction i)
        where TKind : struct, IStoreKind
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if ((address & TKind.AlignMask) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        TKind.Write(s.Memory, address, s.Reg(i.Rd));
    }

    /// <summary>
    /// STBA ... STXA: ASI_P/S and little-endian forms; with a twin ASI (0xE2 ...) the T1 does a
    /// block-initializing store, which on a functional model is an ordinary store.
    /// </summary>
    public static void StoreAlternate<TKind, TSrc>(Strand s, ref Instruction i)
        where TKind : struct, IStoreKind
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

        AsiSpace space = AlternateSpace.SpaceOf(asi);
        if (space is AsiSpace.Scratchpad or AsiSpace.Queue)
        {
            // Register ASIs: STXA only (UA2005 9.x: other sizes are data_access_exception).
            if (typeof(TKind) == typeof(ExtendedWord))
            {
                MachineAsiRegisters.Store(s, asi, address, s.Reg(i.Rd));
            }
            else
            {
                AlternateSpace.Unsupported(s, address);
            }

            return;
        }

        if (space is not (AsiSpace.Normal or AsiSpace.Real or AsiSpace.Twin))
        {
            // Includes the no-fault ASIs: a store to them is a data_access_exception (UA2005 10.3).
            AlternateSpace.Unsupported(s, address);
            return;
        }

        ulong value = s.Reg(i.Rd);
        TKind.Write(s.Memory, address, AlternateSpace.IsLittleEndian(asi) ? TKind.Swap(value) : value);
    }

    /// <summary>STTW (V9 STD): the low words of the even register rd and of rd + 1.</summary>
    public static void StoreTwinWord<TSrc>(Strand s, ref Instruction i)
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

        s.Memory.WriteU64(address, (s.Reg(i.Rd) << 32) | (uint)s.Reg(i.Rd + 1));
    }

    /// <summary>STTWA: two words, each byte-swapped on its own for little-endian ASIs.</summary>
    public static void StoreTwinWordAlternate<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if ((i.Rd & 1) != 0)
        {
            s.RaiseTrap(TrapType.IllegalInstruction);
            return;
        }

        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        if ((address & 7) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        if (!AlternateSpace.Permitted(s, asi, address))
        {
            return;
        }

        if (AlternateSpace.SpaceOf(asi) is not (AsiSpace.Normal or AsiSpace.Real or AsiSpace.Twin))
        {
            AlternateSpace.Unsupported(s, address);
            return;
        }

        uint high = (uint)s.Reg(i.Rd), low = (uint)s.Reg(i.Rd + 1);
        if (AlternateSpace.IsLittleEndian(asi))
        {
            high = BinaryPrimitives.ReverseEndianness(high);
            low = BinaryPrimitives.ReverseEndianness(low);
        }

        s.Memory.WriteU64(address, ((ulong)high << 32) | low);
    }
}

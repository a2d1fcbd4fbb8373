using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Niagara.Strands.Isa;

namespace Niagara.Strands.Execution.Memory;

/// <summary>
/// The atomic load-store instructions (V9 A.9 CASA/CASXA, A.31 LDSTUB, A.57 SWAP), done with
/// host atomics in the page cache so strands on different host threads stay coherent. rd is
/// both source and destination, so the rows carry the raw rd and writes to %g0 go to the sink.
/// </summary>
public static class AtomicHandlers
{
    /// <summary>CASA: address r[rs1] only; the i bit selects %asi (1) or imm_asi (0).</summary>
    public static void CompareAndSwap32<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        if ((address & 3) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        if (!NormalSpace(s, asi, address))
        {
            return;
        }

        uint compare = (uint)s.Reg(i.Rs2), value = (uint)s.Reg(i.Rd);
        bool little = AlternateSpace.IsLittleEndian(asi);
        if (little)
        {
            compare = BinaryPrimitives.ReverseEndianness(compare);
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        uint old = s.Memory.CompareAndSwap32(address, compare, value);
        WriteResult(s, i.Rd, little ? BinaryPrimitives.ReverseEndianness(old) : old);
    }

    /// <summary>CASXA: the 64-bit form.</summary>
    public static void CompareAndSwap64<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        if ((address & 7) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        if (!NormalSpace(s, asi, address))
        {
            return;
        }

        ulong compare = s.Reg(i.Rs2), value = s.Reg(i.Rd);
        bool little = AlternateSpace.IsLittleEndian(asi);
        if (little)
        {
            compare = BinaryPrimitives.ReverseEndianness(compare);
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        ulong old = s.Memory.CompareAndSwap64(address, compare, value);
        WriteResult(s, i.Rd, little ? BinaryPrimitives.ReverseEndianness(old) : old);
    }

    /// <summary>SWAP: exchanges the low word of rd with the aligned word in memory.</summary>
    public static void Swap<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if ((address & 3) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        WriteResult(s, i.Rd, s.Memory.Swap32(address, (uint)s.Reg(i.Rd)));
    }

    public static void SwapAlternate<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        if ((address & 3) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        if (!NormalSpace(s, asi, address))
        {
            return;
        }

        bool little = AlternateSpace.IsLittleEndian(asi);
        uint value = (uint)s.Reg(i.Rd);
        uint old = s.Memory.Swap32(address, little ? BinaryPrimitives.ReverseEndianness(value) : value);
        WriteResult(s, i.Rd, little ? BinaryPrimitives.ReverseEndianness(old) : old);
    }

    /// <summary>LDSTUB: loads the byte and sets it to 0xFF (rows flag rd as an integer destination).</summary>
    public static void LoadStoreUnsignedByte<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        s.Reg(i.Rd) = s.Memory.LoadStoreUnsignedByte(address);
    }

    public static void LoadStoreUnsignedByteAlternate<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        if (NormalSpace(s, asi, address))
        {
            s.Reg(i.Rd) = s.Memory.LoadStoreUnsignedByte(address);
        }
    }

    /// <summary>Atomics serve ASI_P/S and ASI_REAL* (and little-endian): others, no-fault included, are data_access_exception.</summary>
    private static bool NormalSpace(Strand s, int asi, ulong address)
    {
        if (!AlternateSpace.Permitted(s, asi, address))
        {
            return false;
        }

        if (AlternateSpace.SpaceOf(asi) is not (AsiSpace.Normal or AsiSpace.Real))
        {
            AlternateSpace.Unsupported(s, address);
            return false;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteResult(Strand s, int rd, ulong value) =>
        s.Reg(rd == 0 ? Strand.SinkRegister : rd) = value;
}

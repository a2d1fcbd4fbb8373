using System.Buffers.Binary;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Memory;

/// <summary>
/// LDDFA and STDFA, whose meaning the ASI chooses (UA2005 7.x, T1 supplement): an ordinary
/// doubleword (ASI_P/S, no-fault for loads), a 64-byte block of 8 double registers (ASI_BLK_*,
/// ASI_BLK_COMMIT_* for stores; glibc's memcpy/memset use them), a VIS partial store
/// (ASI_PST*) or an 8/16-bit short FP access (ASI_FL*).
/// </summary>
public static class BlockTransfer
{
    private const int BlockDoubles = 8;

    public static void LoadDoubleAlternate<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        AsiSpace space = AlternateSpace.SpaceOf(asi);
        if (space == AsiSpace.Block && !IsBlockRegister(i.Rd))
        {
            s.RaiseTrap(TrapType.IllegalInstruction);
            return;
        }

        if (!FloatLoadStoreHandlers.FpEnabled(s))
        {
            return;
        }

        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if (!Aligned(s, space, address, TrapType.LddfMemAddressNotAligned) || !AlternateSpace.Permitted(s, asi, address))
        {
            return;
        }

        bool little = AlternateSpace.IsLittleEndian(asi);
        ulong value;
        switch (space)
        {
            case AsiSpace.Normal:
            case AsiSpace.Real:
                value = s.Memory.ReadU64(address);
                break;
            case AsiSpace.NoFault:
                value = s.Memory.CanRead(address) ? s.Memory.ReadU64(address) : 0;
                break;
            case AsiSpace.Block:
                // One 64-byte aligned block lies in one page: only the first read can fault,
                // before any register is written.
                for (int k = 0; k < BlockDoubles; k++)
                {
                    ulong d = s.Memory.ReadU64(address + (ulong)(8 * k));
                    s.SetDouble(i.Rd + (2 * k), little ? BinaryPrimitives.ReverseEndianness(d) : d);
                }

                return;
            case AsiSpace.Short8:
                s.SetDouble(i.Rd, s.Memory.ReadU8(address));
                return;
            case AsiSpace.Short16:
                ushort h = s.Memory.ReadU16(address);
                s.SetDouble(i.Rd, little ? BinaryPrimitives.ReverseEndianness(h) : h);
                return;
            default:
                AlternateSpace.Unsupported(s, address);
                return;
        }

        s.SetDouble(i.Rd, little ? BinaryPrimitives.ReverseEndianness(value) : value);
    }

    public static void StoreDoubleAlternate<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        AsiSpace space = AlternateSpace.SpaceOf(asi);
        bool partial = space is AsiSpace.PartialStore8 or AsiSpace.PartialStore16 or AsiSpace.PartialStore32;
        bool block = space is AsiSpace.Block or AsiSpace.BlockCommit;
        if ((block && !IsBlockRegister(i.Rd)) || (partial && typeof(TSrc) == typeof(ImmediateOperand)))
        {
            // Partial stores take their mask from r[rs2], so i = 1 is illegal (UA2005 STPARTIAL).
            s.RaiseTrap(TrapType.IllegalInstruction);
            return;
        }

        if (!FloatLoadStoreHandlers.FpEnabled(s))
        {
            return;
        }

        ulong address = partial ? s.Reg(i.Rs1) : s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if (!Aligned(s, space, address, TrapType.StdfMemAddressNotAligned) || !AlternateSpace.Permitted(s, asi, address))
        {
            return;
        }

        bool little = AlternateSpace.IsLittleEndian(asi);
        ulong value = s.GetDouble(i.Rd);
        switch (space)
        {
            case AsiSpace.Normal:
            case AsiSpace.Real:
                s.Memory.WriteU64(address, little ? BinaryPrimitives.ReverseEndianness(value) : value);
                return;
            case AsiSpace.Block:
            case AsiSpace.BlockCommit:
                for (int k = 0; k < BlockDoubles; k++)
                {
                    ulong d = s.GetDouble(i.Rd + (2 * k));
                    s.Memory.WriteU64(address + (ulong)(8 * k), little ? BinaryPrimitives.ReverseEndianness(d) : d);
                }

                return;
            case AsiSpace.PartialStore8:
            case AsiSpace.PartialStore16:
            case AsiSpace.PartialStore32:
                PartialStore(s, address, value, SelectedBytes(space, s.Reg(i.Rs2)), little);
                return;
            case AsiSpace.Short8:
                s.Memory.WriteU8(address, (byte)value);
                return;
            case AsiSpace.Short16:
                s.Memory.WriteU16(address, little ? BinaryPrimitives.ReverseEndianness((ushort)value) : (ushort)value);
                return;
            default:
                // No-fault, twin and unknown ASIs: data_access_exception (UA2005 10.3).
                AlternateSpace.Unsupported(s, address);
                return;
        }
    }

    /// <summary>Block transfers name %f0, %f16, %f32 or %f48: 8 doubles from a multiple of 8 (UA2005 LDBLOCKF).</summary>
    private static bool IsBlockRegister(int rdField) => (rdField & 0x0E) == 0;

    private static bool Aligned(Strand s, AsiSpace space, ulong address, TrapType doubleTrap)
    {
        ulong mask = space switch
        {
            AsiSpace.Block or AsiSpace.BlockCommit => 63,
            AsiSpace.Short8 => 0,
            AsiSpace.Short16 => 1,
            _ => 7,
        };
        if ((address & mask) == 0)
        {
            return true;
        }

        if (mask == 7 && space is not (AsiSpace.PartialStore8 or AsiSpace.PartialStore16 or AsiSpace.PartialStore32))
        {
            FloatLoadStoreHandlers.DoubleNotAligned(s, address, doubleTrap);
        }
        else
        {
            AlternateSpace.NotAligned(s, address);
        }

        return false;
    }

    /// <summary>Bit k set = byte k of the register (counting from its least significant byte) is stored.</summary>
    private static int SelectedBytes(AsiSpace space, ulong mask)
    {
        int selected = 0;
        switch (space)
        {
            case AsiSpace.PartialStore8:
                selected = (int)(mask & 0xFF);
                break;
            case AsiSpace.PartialStore16:
                for (int j = 0; j < 4; j++)
                {
                    selected |= (int)((mask >> j) & 1) * (0x3 << (2 * j));
                }

                break;
            default:
                for (int j = 0; j < 2; j++)
                {
                    selected |= (int)((mask >> j) & 1) * (0xF << (4 * j));
                }

                break;
        }

        return selected;
    }

    /// <summary>
    /// Stores the selected bytes one at a time, so bytes that are not selected are never
    /// rewritten (other strands may be storing them). Big-endian puts register byte k at
    /// address + 7 - k, little-endian at address + k.
    /// </summary>
    private static void PartialStore(Strand s, ulong address, ulong value, int selected, bool little)
    {
        s.Memory.PageForWrite(address); // faults (precisely) even when the mask selects nothing
        for (int k = 0; k < 8; k++)
        {
            if ((selected & (1 << k)) != 0)
            {
                s.Memory.WriteU8(address + (ulong)(little ? k : 7 - k), (byte)(value >> (8 * k)));
            }
        }
    }
}

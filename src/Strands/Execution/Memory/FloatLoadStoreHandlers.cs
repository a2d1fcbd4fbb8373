using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Niagara.Strands.Isa;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Memory;

/// <summary>
/// Floating-point loads and stores (V9 A.25/A.26, A.50/A.51, UA2005 LDFSR/LDXFSR). All need the
/// FPU enabled (PSTATE.PEF and FPRS.FEF) or raise fp_disabled. LDDF/STDF at a word-aligned but
/// not doubleword-aligned address raise LDDF/STDF_mem_address_not_aligned, as the T1 does.
/// LDDFA/STDFA live in <see cref="BlockTransfer"/>.
/// </summary>
public static class FloatLoadStoreHandlers
{
    /// <summary>FSR bits LDFSR writes: rd 31:30, tem 27:23, fcc0 11:10, aexc 9:5, cexc 4:0 (ver, ftt, qne, ns and reserved bits are kept).</summary>
    public const ulong LoadFsrMask = 0xCF80_0FFFUL;

    /// <summary>LDXFSR also writes fcc1..fcc3 (bits 37:32).</summary>
    public const ulong LoadXFsrMask = LoadFsrMask | 0x3F_0000_0000UL;

    public static void LoadSingle<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (TryAddress<TSrc>(s, ref i, 3, out ulong address))
        {
            s.SetSingle(i.Rd, s.Memory.ReadU32(address));
        }
    }

    public static void LoadDouble<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (TryDoubleAddress<TSrc>(s, ref i, TrapType.LddfMemAddressNotAligned, out ulong address))
        {
            s.SetDouble(i.Rd, s.Memory.ReadU64(address));
        }
    }

    public static void StoreSingle<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (TryAddress<TSrc>(s, ref i, 3, out ulong address))
        {
            s.Memory.WriteU32(address, s.GetSingle(i.Rd));
        }
    }

    public static void StoreDouble<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (TryDoubleAddress<TSrc>(s, ref i, TrapType.StdfMemAddressNotAligned, out ulong address))
        {
            s.Memory.WriteU64(address, s.GetDouble(i.Rd));
        }
    }

    /// <summary>LDFA: ASI_P/S, no-fault and little-endian forms.</summary>
    public static void LoadSingleAlternate<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (!FpEnabled(s))
        {
            return;
        }

        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        if ((address & 3) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        if (!AlternateSpace.Permitted(s, asi, address))
        {
            return;
        }

        uint value;
        switch (AlternateSpace.SpaceOf(asi))
        {
            case AsiSpace.Normal:
            case AsiSpace.Real:
                value = s.Memory.ReadU32(address);
                break;
            case AsiSpace.NoFault:
                value = s.Memory.CanRead(address) ? s.Memory.ReadU32(address) : 0;
                break;
            default:
                AlternateSpace.Unsupported(s, address);
                return;
        }

        s.SetSingle(i.Rd, AlternateSpace.IsLittleEndian(asi) ? BinaryPrimitives.ReverseEndianness(value) : value);
    }

    public static void StoreSingleAlternate<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (!FpEnabled(s))
        {
            return;
        }

        ulong address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        int asi = AlternateSpace.Select<TSrc>(s, ref i);
        if ((address & 3) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return;
        }

        if (!AlternateSpace.Permitted(s, asi, address))
        {
            return;
        }

        if (AlternateSpace.SpaceOf(asi) is not (AsiSpace.Normal or AsiSpace.Real))
        {
            AlternateSpace.Unsupported(s, address);
            return;
        }

        uint value = s.GetSingle(i.Rd);
        s.Memory.WriteU32(address, AlternateSpace.IsLittleEndian(asi) ? BinaryPrimitives.ReverseEndianness(value) : value);
    }

    /// <summary>
    /// LDQF, LDQFA, STQF, STQFA: the T1 has no quad loads and stores; they raise
    /// illegal_instruction (before fp_disabled) and the OS emulates them (Linux
    /// do_illegal_instruction -> handle_ldf_stq).
    /// </summary>
    public static void QuadUnimplemented(Strand s, ref Instruction i) => s.RaiseTrap(TrapType.IllegalInstruction);

    /// <summary>LDFSR: the low 32 bits of FSR, except its read-only fields.</summary>
    public static void LoadFsr<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (TryAddress<TSrc>(s, ref i, 3, out ulong address))
        {
            s.Fsr = (s.Fsr & ~LoadFsrMask) | (s.Memory.ReadU32(address) & LoadFsrMask);
        }
    }

    /// <summary>LDXFSR: all writable FSR fields, fcc1..fcc3 included.</summary>
    public static void LoadXFsr<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (TryAddress<TSrc>(s, ref i, 7, out ulong address))
        {
            s.Fsr = (s.Fsr & ~LoadXFsrMask) | (s.Memory.ReadU64(address) & LoadXFsrMask);
        }
    }

    public static void StoreFsr<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (TryAddress<TSrc>(s, ref i, 3, out ulong address))
        {
            s.Memory.WriteU32(address, (uint)s.Fsr);
        }
    }

    public static void StoreXFsr<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand
    {
        if (TryAddress<TSrc>(s, ref i, 7, out ulong address))
        {
            s.Memory.WriteU64(address, s.Fsr);
        }
    }

    /// <summary>
    /// The checks every plain FP load/store starts with, in trap-priority order: fp_disabled,
    /// then mem_address_not_aligned. Returns false after raising the trap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryAddress<TSrc>(Strand s, ref Instruction i, ulong alignMask, out ulong address)
        where TSrc : struct, ISecondOperand
    {
        address = 0;
        if (!FpEnabled(s))
        {
            return false;
        }

        address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if ((address & alignMask) != 0)
        {
            AlternateSpace.NotAligned(s, address);
            return false;
        }

        return true;
    }

    /// <summary><see cref="TryAddress"/> for LDDF/STDF, whose word-aligned case has its own trap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryDoubleAddress<TSrc>(Strand s, ref Instruction i, TrapType wordAlignedTrap, out ulong address)
        where TSrc : struct, ISecondOperand
    {
        address = 0;
        if (!FpEnabled(s))
        {
            return false;
        }

        address = s.Reg(i.Rs1) + TSrc.Read(s, ref i);
        if ((address & 7) != 0)
        {
            DoubleNotAligned(s, address, wordAlignedTrap);
            return false;
        }

        return true;
    }

    /// <summary>Raises fp_disabled and returns false when the FPU is off.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool FpEnabled(Strand s)
    {
        if (s.FpEnabled)
        {
            return true;
        }

        s.RaiseTrap(TrapType.FpDisabled);
        return false;
    }

    /// <summary>A doubleword FP access: word-misaligned is mem_address_not_aligned, word-aligned the LDDF/STDF trap.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void DoubleNotAligned(Strand s, ulong address, TrapType wordAlignedTrap) =>
        AlternateSpace.NotAligned(s, address, (address & 3) != 0 ? TrapType.MemAddressNotAligned : wordAlignedTrap);
}

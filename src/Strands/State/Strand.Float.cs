using System.Runtime.CompilerServices;

namespace Niagara.Strands;

/// <summary>
/// Floating-point state: 32 double registers (%d0..%d62) whose even/odd halves are the single
/// registers %f0..%f31 (high half = even single), FSR, FPRS and the VIS GSR.
/// </summary>
public sealed partial class Strand
{
    /// <summary>F[k] holds %d(2k); %f(2k) is its high word and %f(2k+1) its low word.</summary>
    public readonly ulong[] F = new ulong[32];

    public ulong Fsr;

    /// <summary>FPRS: DL (bit 0), DU (bit 1), FEF (bit 2).</summary>
    public byte Fprs = FprsFef;

    /// <summary>VIS graphics status register: align (2:0), scale, mask (63:32).</summary>
    public ulong Gsr;

    public const byte FprsDl = 1;
    public const byte FprsDu = 2;
    public const byte FprsFef = 4;

    /// <summary>FP instructions may execute: PSTATE.PEF and FPRS.FEF both set.</summary>
    public bool FpEnabled => (Pstate & State.Pstate.Pef) != 0 && (Fprs & FprsFef) != 0;

    /// <summary>Reads single register %f<paramref name="reg"/> (0..31) as raw bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint GetSingle(int reg)
    {
        ulong d = F[reg >> 1];
        return (reg & 1) == 0 ? (uint)(d >> 32) : (uint)d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetSingle(int reg, uint bits)
    {
        ref ulong d = ref F[reg >> 1];
        d = (reg & 1) == 0 ? (d & 0xFFFF_FFFFUL) | ((ulong)bits << 32) : (d & 0xFFFF_FFFF_0000_0000UL) | bits;
        Fprs |= reg < 32 ? FprsDl : FprsDu;
    }

    /// <summary>Reads the double register named by a 5-bit instruction field (UA2005 5.3.1: bit 0 is regnum bit 5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong GetDouble(int field) => F[DoubleIndex(field)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetDouble(int field, ulong bits)
    {
        int index = DoubleIndex(field);
        F[index] = bits;
        Fprs |= index < 16 ? FprsDl : FprsDu;
    }

    /// <summary>Index into <see cref="F"/> of the double register encoded in a 5-bit field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DoubleIndex(int field) => ((field & 0x1e) | ((field & 1) << 5)) >> 1;
}

using System.Runtime.CompilerServices;

namespace Niagara.Strands.Isa;

/// <summary>Bit fields of a SPARC V9 instruction word (names as in the V9 manual, appendix A).</summary>
public static class InstructionFields
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Op(uint w) => w >> 30;

    public static uint Op2(uint w) => (w >> 22) & 7;

    public static uint Op3(uint w) => (w >> 19) & 0x3f;

    public static uint Rd(uint w) => (w >> 25) & 0x1f;

    public static uint Rs1(uint w) => (w >> 14) & 0x1f;

    public static uint Rs2(uint w) => w & 0x1f;

    public static bool I(uint w) => ((w >> 13) & 1) != 0;

    public static bool X(uint w) => ((w >> 12) & 1) != 0;

    public static uint Cond(uint w) => (w >> 25) & 0xf;

    public static bool Annul(uint w) => ((w >> 29) & 1) != 0;

    public static uint Opf(uint w) => (w >> 5) & 0x1ff;

    public static uint ImmAsi(uint w) => (w >> 5) & 0xff;

    public static long Simm13(uint w) => SignExtend(w & 0x1fff, 13);

    public static long Simm11(uint w) => SignExtend(w & 0x7ff, 11);

    public static long Simm10(uint w) => SignExtend(w & 0x3ff, 10);

    public static long Disp30(uint w) => SignExtend(w & 0x3fffffff, 30) << 2;

    public static long Disp22(uint w) => SignExtend(w & 0x3fffff, 22) << 2;

    public static long Disp19(uint w) => SignExtend(w & 0x7ffff, 19) << 2;

    public static long Disp16(uint w) => SignExtend(((w >> 6) & 0xc000) | (w & 0x3fff), 16) << 2;

    public static uint Imm22(uint w) => w & 0x3fffff;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SignExtend(ulong value, int bits) => (long)(value << (64 - bits)) >> (64 - bits);
}

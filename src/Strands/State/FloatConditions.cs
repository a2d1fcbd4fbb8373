using System.Runtime.CompilerServices;

namespace Niagara.Strands.State;

/// <summary>
/// FBfcc / FMOVcc conditions over a 2-bit fcc value (0 =, 1 &lt;, 2 &gt;, 3 unordered),
/// as a 16-entry table of 4-bit masks indexed by cond (V9 table 39).
/// </summary>
public static class FloatConditions
{
    // Bit k of an entry is set when the condition holds for fcc == k (E=1, L=2, G=4, U=8).
    private static readonly byte[] Masks =
    [
        0x0, // fbn
        0xE, // fbne: L G U
        0x6, // fblg
        0xA, // fbul
        0x2, // fbl
        0xC, // fbug
        0x4, // fbg
        0x8, // fbu
        0xF, // fba
        0x1, // fbe
        0x9, // fbue
        0x5, // fbge
        0xD, // fbuge
        0x3, // fble
        0xB, // fbule
        0x7, // fbo
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Holds(int cond, int fcc) => ((Masks[cond & 0xf] >> fcc) & 1) != 0;

    /// <summary>fccN from an FSR value: fcc0 in bits 11:10, fcc1..3 in bits 33:32, 35:34, 37:36.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Fcc(ulong fsr, int n) =>
        (int)(n == 0 ? (fsr >> 10) & 3 : (fsr >> (30 + (2 * n))) & 3);
}

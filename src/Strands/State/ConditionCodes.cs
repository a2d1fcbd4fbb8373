using System.Runtime.CompilerServices;

namespace Niagara.Strands.State;

/// <summary>
/// Integer condition codes: CCR holds xcc in bits 7:4 and icc in bits 3:0, each as N Z V C.
/// Conditions are evaluated through a 16x16 table (condition x NZVC) built once from the
/// V9 manual's definitions, so a branch costs one lookup.
/// </summary>
public static class ConditionCodes
{
    public const int C = 1;
    public const int V = 2;
    public const int Z = 4;
    public const int N = 8;

    private static readonly bool[] Table = BuildTable();

    /// <summary>True when condition <paramref name="cond"/> (Bicc encoding) holds for the NZVC nibble.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Holds(int cond, int nzvc) => Unsafe.Add(ref Table[0], (cond << 4) | (nzvc & 0xf));

    /// <summary>CCR for a result of add: rs1 + op2 = result (icc and xcc).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Add(ulong a, ulong b, ulong r)
    {
        ulong v = (~(a ^ b) & (a ^ r)) ;
        ulong c = (a & b) | ((a | b) & ~r);
        return Pack(r, v, c);
    }

    /// <summary>CCR for a result of subtract: rs1 - op2 = result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Subtract(ulong a, ulong b, ulong r)
    {
        ulong v = (a ^ b) & (a ^ r);
        ulong c = (~a & b) | (~(a ^ b) & r);
        return Pack(r, v, c);
    }

    /// <summary>CCR for a logical result (V and C clear).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Logical(ulong r) => Pack(r, 0, 0);

    /// <summary>
    /// Packs N and Z from the result, V and C from bit 31 (icc) and bit 63 (xcc) of the
    /// overflow and carry vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Pack(ulong r, ulong v, ulong c)
    {
        int icc = (int)(((r >> 31) & 1) << 3)
            | ((uint)r == 0 ? Z : 0)
            | (int)(((v >> 31) & 1) << 1)
            | (int)((c >> 31) & 1);
        int xcc = (int)((r >> 63) << 3)
            | (r == 0 ? Z : 0)
            | (int)(((v >> 63) & 1) << 1)
            | (int)(c >> 63);
        return (byte)((xcc << 4) | icc);
    }

    private static bool[] BuildTable()
    {
        var t = new bool[256];
        for (int cond = 0; cond < 16; cond++)
        {
            for (int f = 0; f < 16; f++)
            {
                bool n = (f & N) != 0, z = (f & Z) != 0, v = (f & V) != 0, c = (f & C) != 0;
                bool result = (cond & 7) switch
                {
                    0 => false,               // bn / ba
                    1 => z,                   // be / bne
                    2 => z || (n ^ v),        // ble / bg
                    3 => n ^ v,               // bl / bge
                    4 => c || z,              // bleu / bgu
                    5 => c,                   // bcs / bcc
                    6 => n,                   // bneg / bpos
                    _ => v,                   // bvs / bvc
                };
                t[(cond << 4) | f] = (cond & 8) != 0 ? !result : result;
            }
        }

        return t;
    }
}

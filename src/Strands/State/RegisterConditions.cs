using System.Runtime.CompilerServices;

namespace Niagara.Strands.State;

/// <summary>The rcond field of BPr, MOVr and FMOVr (V9 table 43). 0 and 4 are reserved.</summary>
public static class RegisterConditions
{
    public static bool IsValid(int rcond) => (rcond & 3) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Holds(int rcond, ulong value)
    {
        long v = (long)value;
        return rcond switch
        {
            1 => v == 0,
            2 => v <= 0,
            3 => v < 0,
            5 => v != 0,
            6 => v > 0,
            _ => v >= 0,
        };
    }
}

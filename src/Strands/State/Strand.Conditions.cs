using System.Runtime.CompilerServices;
using Niagara.Strands.State;

namespace Niagara.Strands;

public sealed partial class Strand
{
    /// <summary>
    /// Evaluates a 4-bit condition on the condition-code set named by a 3-bit cc selector, as
    /// MOVcc and FMOVcc encode it: 0-3 fcc0-fcc3, 4 icc, 6 xcc (5 and 7 are rejected at decode).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ConditionHolds(int ccSelector, int cond) => ccSelector switch
    {
        4 => ConditionCodes.Holds(cond, Ccr & 0xf),
        6 => ConditionCodes.Holds(cond, Ccr >> 4),
        _ => FloatConditions.Holds(cond, FloatConditions.Fcc(Fsr, ccSelector & 3)),
    };
}

using Niagara.Strands.Traps;

namespace Niagara.Strands;

public sealed partial class Strand
{
    /// <summary>
    /// Raises a precise trap for the executing instruction: TPC is the instruction, TNPC its
    /// successor. Handlers call it before changing any state, so the instruction can be retried.
    /// </summary>
    public void RaiseTrap(TrapType trap) => RaiseTrap(trap, InsnPc, Pc);

    /// <summary>Raises a trap with explicit TPC/TNPC.</summary>
    public void RaiseTrap(TrapType trap, ulong trapPc, ulong trapNpc)
    {
        if (!TrapHandler.HandleTrap(this, trap, trapPc, trapNpc))
        {
            DeliverTrap(trap, trapPc, trapNpc);
        }
    }
}

namespace Niagara.Strands.Traps;

/// <summary>
/// Whoever runs above the strand: the Linux process layer in process mode, the hypervisor in
/// machine mode. The strand never knows which (ARCHITECTURE.md: Strands does not reference the
/// hypervisor); it offers each trap here first.
/// </summary>
public interface ITrapHandler
{
    /// <summary>
    /// Offered every trap. <paramref name="trapPc"/> and <paramref name="trapNpc"/> are the
    /// trapping instruction's PC and nPC (TPC/TNPC). Returns true when the trap was handled
    /// here (the handler has set the strand's PC/nPC, or halted it); false to deliver it to the
    /// guest's own trap table.
    /// </summary>
    bool HandleTrap(Strand strand, TrapType trap, ulong trapPc, ulong trapNpc);
}

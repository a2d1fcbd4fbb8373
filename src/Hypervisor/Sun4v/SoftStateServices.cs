namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// Guest soft state (SOFTSTATE group 1.0; sun4v reference section 7; T1 HV
/// hcall_soft_state.s): a state (1 normal, 2 transition) and a description of at most 31
/// characters plus NUL in a 32-byte-aligned 32-byte buffer.
/// </summary>
internal sealed class SoftStateServices
{
    public const ulong Normal = 1;
    public const ulong Transition = 2;

    private const ulong Alignment = GuestDomain.SoftStateBytes;

    private readonly Sun4vHypervisor _hv;

    public SoftStateServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        hv.Register(FastTrapFunction.SOFT_STATE_SET, ApiGroup.SOFTSTATE, 1, 0, SoftStateSet);
        hv.Register(FastTrapFunction.SOFT_STATE_GET, ApiGroup.SOFTSTATE, 1, 0, SoftStateGet);
    }

    /// <summary>
    /// soft_state_set(state, description): state not 1 or 2 EINVAL; description not 32-byte
    /// aligned EBADALIGN; outside guest memory ENORADDR; no NUL in its 32 bytes EINVAL. The
    /// guest-wide state changes at the boundary.
    /// </summary>
    public void SoftStateSet(VirtualCpu cpu)
    {
        ulong state = cpu.Arg(0), description = cpu.Arg(1);
        HypervisorError status = state is not (Normal or Transition) ? HypervisorError.EINVAL
            : (description & (Alignment - 1)) != 0 ? HypervisorError.EBADALIGN
            : !_hv.InGuest(description, GuestDomain.SoftStateBytes) ? HypervisorError.ENORADDR
            : HypervisorError.EOK;
        if (status != HypervisorError.EOK)
        {
            cpu.Return(status);
            return;
        }

        byte[] text = new byte[GuestDomain.SoftStateBytes];
        _hv.Memory.Read(description, text);
        int nul = Array.IndexOf(text, (byte)0);
        if (nul < 0)
        {
            cpu.Return(HypervisorError.EINVAL);
            return;
        }

        text.AsSpan(nul).Clear(); // the T1 HV keeps the text up to the NUL, zero padded
        _hv.Defer(cpu, _ =>
        {
            _hv.Guest.SoftState = state;
            text.CopyTo(_hv.Guest.SoftStateDescription, 0);
            cpu.Return(HypervisorError.EOK);
        });
    }

    /// <summary>soft_state_get(buffer) -> state, with the description copied to the buffer; EBADALIGN, ENORADDR.</summary>
    public void SoftStateGet(VirtualCpu cpu)
    {
        ulong buffer = cpu.Arg(0);
        if ((buffer & (Alignment - 1)) != 0)
        {
            cpu.Return(HypervisorError.EBADALIGN);
            return;
        }

        if (!_hv.InGuest(buffer, GuestDomain.SoftStateBytes))
        {
            cpu.Return(HypervisorError.ENORADDR);
            return;
        }

        _hv.Memory.Write(buffer, _hv.Guest.SoftStateDescription);
        cpu.Return(HypervisorError.EOK, _hv.Guest.SoftState);
    }
}

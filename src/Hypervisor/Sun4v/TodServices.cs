namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// Time of day (sun4v reference section 7: u64 seconds since 1970 UTC, per domain). The clock is
/// simulated time: <see cref="Sun4vMachineOptions.TodEpochSeconds"/> plus the caller's cycles
/// divided by the core clock, plus the guest's tod_set offset; so runs are deterministic and a
/// TOD is always present (never EWOULDBLOCK or ENOTSUPPORTED).
/// </summary>
internal sealed class TodServices
{
    private readonly Sun4vHypervisor _hv;

    public TodServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        hv.Register(FastTrapFunction.TOD_GET, ApiGroup.CORE, 1, 0, TodGet);
        hv.Register(FastTrapFunction.TOD_SET, ApiGroup.CORE, 1, 0, TodSet);
    }

    /// <summary>tod_get -> seconds.</summary>
    public void TodGet(VirtualCpu cpu) =>
        cpu.Return(HypervisorError.EOK, (ulong)((long)SimulatedSeconds(cpu.Now) + _hv.Guest.TodOffsetSeconds));

    /// <summary>tod_set(seconds): the guest-wide offset changes at the boundary (as of the call's cycle).</summary>
    public void TodSet(VirtualCpu cpu)
    {
        ulong seconds = cpu.Arg(0);
        ulong sent = cpu.Now;
        _hv.Defer(cpu, _ =>
        {
            _hv.Guest.TodOffsetSeconds = (long)(seconds - SimulatedSeconds(sent));
            cpu.Return(HypervisorError.EOK);
        });
    }

    private ulong SimulatedSeconds(ulong cycle) => _hv.Options.TodEpochSeconds + (cycle / _hv.Config.ClockFrequencyHz);
}

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// State the T1 hypervisor keeps per guest rather than per vCPU: API versions, the TOD offset,
/// soft state, the trap-trace freeze flag, the dump buffer and the watchdog. Writers run only at
/// quantum boundaries (the hypercalls that change it wait for the boundary), so every strand
/// reads the same values within a quantum whatever host thread it runs on.
/// </summary>
public sealed class GuestDomain
{
    /// <summary>SOFT_STATE_SIZE: 31 characters plus NUL.</summary>
    public const int SoftStateBytes = 32;

    public ApiVersioning Api { get; } = new();

    /// <summary>Seconds added to the simulated clock by tod_set.</summary>
    public long TodOffsetSeconds { get; internal set; }

    /// <summary>soft_state_set's state: 1 normal, 2 transition; 0 until the guest sets one.</summary>
    public ulong SoftState { get; internal set; }

    /// <summary>The soft-state description, NUL padded.</summary>
    public byte[] SoftStateDescription { get; } = new byte[SoftStateBytes];

    public bool TraceFrozen { get; internal set; }

    public ulong DumpBufferRa { get; internal set; }

    public ulong DumpBufferSize { get; internal set; }

    /// <summary>Cycle at which the guest watchdog expires; 0 when disabled.</summary>
    public ulong WatchdogDeadline { get; internal set; }

    /// <summary>Back to the state at guest start (mach_sir).</summary>
    internal void Reset()
    {
        Api.Reset();
        SoftState = 0;
        Array.Clear(SoftStateDescription);
        TraceFrozen = false;
        DumpBufferRa = DumpBufferSize = 0;
        WatchdogDeadline = 0;
    }
}

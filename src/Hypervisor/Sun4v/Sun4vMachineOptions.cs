namespace Niagara.Hypervisor.Sun4v;

/// <summary>One loadable piece of a guest image: bytes at a real address, zero-filled up to <paramref name="MemorySize"/>.</summary>
/// <param name="Address">Real (= physical) address of the first byte.</param>
/// <param name="Bytes">The file contents (an ELF PT_LOAD segment's p_filesz bytes).</param>
/// <param name="MemorySize">Bytes the segment occupies in memory (p_memsz, at least Bytes.Length).</param>
public sealed record GuestImageSegment(ulong Address, ReadOnlyMemory<byte> Bytes, ulong MemorySize);

/// <summary>Choices of a sun4v machine that are not part of the machine configuration.</summary>
public sealed record Sun4vMachineOptions
{
    public static Sun4vMachineOptions Default { get; } = new();

    /// <summary>
    /// tod_get at cycle 0, in seconds since 1970 UTC. A fixed value keeps runs deterministic
    /// (Legion's static TOD idea); the default is 2006-01-01, the T1's year.
    /// </summary>
    public ulong TodEpochSeconds { get; init; } = 1_136_073_600;

    /// <summary>
    /// False (default): the machine ends at the boundary after a strand enters error state.
    /// True: the other strands go on (they see the strand as cpu_state 3 and get ECPUERROR when
    /// they send it mondos); the run ends when the guest exits or no strand runs.
    /// </summary>
    public bool ContinueAfterStrandError { get; init; }

    /// <summary>
    /// Most bytes one mem_scrub or mem_sync call handles; the call reports the count done
    /// ("success or partial success", T1 HV CONFIG_MEMSCRUB_MAX) and the guest calls again.
    /// </summary>
    public ulong MemScrubMaxBytes { get; init; } = 1024 * 1024;

    /// <summary>Receives every hypercall and guest trap (for traces and metrics); null records nothing.</summary>
    public IMachineEventSink? Events { get; init; }
}

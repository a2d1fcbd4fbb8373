namespace Niagara.Hypervisor.Sun4v;

/// <summary>Why a sun4v machine ended.</summary>
public enum MachineEndReason
{
    /// <summary>The guest called mach_exit (FAST_TRAP 0x00 or CORE_TRAP api_exit).</summary>
    GuestExit,

    /// <summary>A strand entered error state (e.g. a trap at TL = MAXPTL).</summary>
    StrandError,

    /// <summary>The guest watchdog (mach_set_watchdog) ran out.</summary>
    WatchdogExpired,

    /// <summary>No vCPU is running any more (every one stopped or in error state).</summary>
    NoRunningCpu,
}

/// <summary>
/// How a machine run ended. <see cref="ExitCode"/> is what `niagara run` should exit with: the
/// guest's mach_exit code when it fits 0..255 (255 otherwise), and
/// <see cref="ErrorExitCode"/> for every error ending.
/// </summary>
/// <param name="Reason">What ended the run.</param>
/// <param name="ExitCode">The process exit status to report.</param>
/// <param name="GuestExitCode">mach_exit's full 64-bit argument (0 for other endings).</param>
/// <param name="Cycle">The boundary cycle at which the machine ended.</param>
/// <param name="StrandId">The strand that exited, failed or whose call ended the run (-1 if none).</param>
/// <param name="Message">One line for people.</param>
public sealed record MachineOutcome(MachineEndReason Reason, int ExitCode, ulong GuestExitCode, ulong Cycle, int StrandId, string Message)
{
    /// <summary>Exit status of a run that ended in error (strand error state, watchdog, no running CPU).</summary>
    public const int ErrorExitCode = 3;

    internal static MachineOutcome Exit(ulong code, ulong cycle, int strandId) =>
        new(MachineEndReason.GuestExit, code <= 255 ? (int)code : 255, code, cycle, strandId,
            $"guest exited with code {(long)code} (mach_exit on strand {strandId} at cycle {cycle})");

    internal static MachineOutcome Error(MachineEndReason reason, ulong cycle, int strandId, string message) =>
        new(reason, ErrorExitCode, 0, cycle, strandId, message);
}

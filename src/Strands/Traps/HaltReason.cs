namespace Niagara.Strands.Traps;

/// <summary>Why a strand stopped for good.</summary>
/// <param name="Kind">The category of stop.</param>
/// <param name="Code">Exit status for <see cref="HaltKind.Exit"/>, signal number for <see cref="HaltKind.Signal"/>.</param>
/// <param name="Message">A one-line description for people.</param>
public sealed record HaltReason(HaltKind Kind, int Code, string Message);

public enum HaltKind
{
    /// <summary>The guest asked to stop (exit, mach_exit).</summary>
    Exit,

    /// <summary>A fault that a process would die of (SIGSEGV, SIGILL, SIGBUS, SIGFPE).</summary>
    Signal,

    /// <summary>A trap past MAXTL or one nobody handles: the strand is in error state.</summary>
    ErrorState,
}

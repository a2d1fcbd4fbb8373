namespace Niagara.Hypervisor.Linux;

/// <summary>Signal numbers as a sparc64 guest sees them (arch/sparc/include/uapi/asm/signal.h).</summary>
public enum GuestSignal
{
    None = 0,
    SIGHUP = 1,
    SIGINT = 2,
    SIGQUIT = 3,
    SIGILL = 4,
    SIGTRAP = 5,
    SIGABRT = 6,
    SIGEMT = 7,
    SIGFPE = 8,
    SIGKILL = 9,
    SIGBUS = 10,
    SIGSEGV = 11,
    SIGSYS = 12,
    SIGPIPE = 13,
    SIGALRM = 14,
    SIGTERM = 15,
    SIGURG = 16,
    SIGSTOP = 17,
    SIGTSTP = 18,
    SIGCONT = 19,
    SIGCHLD = 20,
    SIGTTIN = 21,
    SIGTTOU = 22,
    SIGIO = 23,
    SIGXCPU = 24,
    SIGXFSZ = 25,
    SIGVTALRM = 26,
    SIGPROF = 27,
    SIGWINCH = 28,
    SIGLOST = 29,
    SIGUSR1 = 30,
    SIGUSR2 = 31,
}

public static class GuestSignals
{
    /// <summary>_NSIG on sparc64: 64 signals, so sigset_t is one 64-bit word.</summary>
    public const int Count = 64;

    /// <summary>
    /// The signal number the host (x86-64/arm64 Linux numbering) uses for the same signal: qemu-user
    /// dies of the host signal, so its exit status is 128 + this. SIGEMT has no host twin; qemu
    /// would report it under its own number, and so do we.
    /// </summary>
    public static int HostNumber(GuestSignal signal) => signal switch
    {
        GuestSignal.SIGBUS => 7,
        GuestSignal.SIGSYS => 31,
        GuestSignal.SIGURG => 23,
        GuestSignal.SIGSTOP => 19,
        GuestSignal.SIGTSTP => 20,
        GuestSignal.SIGCONT => 18,
        GuestSignal.SIGCHLD => 17,
        GuestSignal.SIGIO => 29,
        GuestSignal.SIGLOST => 30,
        GuestSignal.SIGUSR1 => 10,
        GuestSignal.SIGUSR2 => 12,
        _ => (int)signal,
    };

    /// <summary>The exit status a shell (and .NET's Process.ExitCode) reports for a death by <paramref name="signal"/>.</summary>
    public static int ExitStatus(GuestSignal signal) => 128 + HostNumber(signal);

    /// <summary>Signals whose default action is to do nothing (signal(7)).</summary>
    public static bool DefaultIgnores(GuestSignal signal) =>
        signal is GuestSignal.SIGCHLD or GuestSignal.SIGURG or GuestSignal.SIGWINCH or GuestSignal.SIGCONT;

    /// <summary>The kernel's name ("SIGSEGV"), or "signal N" for real-time and unknown numbers.</summary>
    public static string Name(GuestSignal signal) =>
        signal is > GuestSignal.None and <= GuestSignal.SIGUSR2 ? signal.ToString() : $"signal {(int)signal}";
}

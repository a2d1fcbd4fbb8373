namespace Niagara.Hypervisor.Linux;

/// <summary>
/// The guest's file descriptors, each naming a host descriptor. Guest 0, 1 and 2 start as the
/// host's stdin, stdout and stderr, so the guest's output reaches the host unbuffered and in
/// order. New descriptors take the lowest free number, as on Linux, whatever host number they
/// got (the simulator itself holds host descriptors too). Closing guest 0-2 drops the guest's
/// name for them but keeps the host's, which the simulator still reports on.
/// </summary>
public sealed class FileTable
{
    /// <summary>RLIMIT_NOFILE's usual soft limit.</summary>
    public const int Limit = 1024;

    private const int HostStandardStreams = 3;

    private readonly int[] _host = new int[Limit];

    public FileTable()
    {
        Array.Fill(_host, -1);
        for (int fd = 0; fd < HostStandardStreams; fd++)
        {
            _host[fd] = fd;
        }
    }

    /// <summary>The host descriptor behind guest <paramref name="fd"/>, or -1 when it is not open.</summary>
    public int Host(long fd) => fd is >= 0 and < Limit ? _host[fd] : -1;

    /// <summary>Gives <paramref name="hostFd"/> the lowest free guest number at or above <paramref name="minimum"/>; -1 when full.</summary>
    public int Add(int hostFd, int minimum = 0)
    {
        for (int fd = Math.Max(0, minimum); fd < Limit; fd++)
        {
            if (_host[fd] < 0)
            {
                _host[fd] = hostFd;
                return fd;
            }
        }

        return -1;
    }

    /// <summary>Binds guest <paramref name="fd"/> to <paramref name="hostFd"/>, returning the host descriptor it replaced (or -1).</summary>
    public int Replace(int fd, int hostFd)
    {
        int old = _host[fd];
        _host[fd] = hostFd;
        return old;
    }

    /// <summary>Forgets guest <paramref name="fd"/>; returns the host descriptor the caller should close, or -1.</summary>
    public int Remove(int fd)
    {
        int host = _host[fd];
        _host[fd] = -1;
        return ShouldCloseHost(host) ? host : -1;
    }

    /// <summary>The host's own 0-2 stay open for the simulator's reports.</summary>
    public static bool ShouldCloseHost(int hostFd) => hostFd >= HostStandardStreams;

    /// <summary>Whether another guest descriptor also names <paramref name="hostFd"/>.</summary>
    public bool IsShared(int hostFd, int exceptFd)
    {
        for (int fd = 0; fd < Limit; fd++)
        {
            if (fd != exceptFd && _host[fd] == hostFd)
            {
                return true;
            }
        }

        return false;
    }
}

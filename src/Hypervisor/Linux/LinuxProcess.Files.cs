using System.Buffers.Binary;
using System.Text;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// File system calls, forwarded to the host through the guest's <see cref="FileTable"/>. Data
/// moves through a bounce buffer in chunks; writes reach the host descriptor at once (no
/// buffering here), so stdout and stderr keep the guest's order.
/// </summary>
public sealed partial class LinuxProcess
{
    private const int ChunkSize = 1 << 20;

    /// <summary>UIO_MAXIOV.</summary>
    private const ulong MaxIovecs = 1024;

    private readonly byte[] _io = new byte[ChunkSize];

    public FileTable Files { get; } = new();

    private long Read(int fd, ulong buffer, ulong count) => Transfer(fd, buffer, count, offset: -1, write: false);

    private long Write(int fd, ulong buffer, ulong count) => Transfer(fd, buffer, count, offset: -1, write: true);

    private long PRead(int fd, ulong buffer, ulong count, long offset) =>
        offset < 0 ? -(long)Errno.EINVAL : Transfer(fd, buffer, count, offset, write: false);

    private long PWrite(int fd, ulong buffer, ulong count, long offset) =>
        offset < 0 ? -(long)Errno.EINVAL : Transfer(fd, buffer, count, offset, write: true);

    private unsafe long Transfer(int fd, ulong buffer, ulong count, long offset, bool write)
    {
        int host = Files.Host(fd);
        if (host < 0)
        {
            return -(long)Errno.EBADF;
        }

        long done = 0;
        while ((ulong)done < count)
        {
            int n = (int)Math.Min((ulong)ChunkSize, count - (ulong)done);
            nint got;
            if (write)
            {
                ReadGuest(buffer + (ulong)done, _io.AsSpan(0, n));
            }

            fixed (byte* p = _io)
            {
                long at = offset < 0 ? -1 : offset + done;
                got = write
                    ? (at < 0 ? HostLibc.Write(host, p, (nuint)n) : HostLibc.PWrite(host, p, (nuint)n, at))
                    : (at < 0 ? HostLibc.Read(host, p, (nuint)n) : HostLibc.PRead(host, p, (nuint)n, at));
            }

            if (got < 0)
            {
                int errno = HostLibc.LastErrno;
                if (done > 0)
                {
                    return done;
                }

                return HostError(errno, write);
            }

            if (!write)
            {
                WriteGuest(buffer + (ulong)done, _io.AsSpan(0, (int)got));
            }

            done += got;
            if (got < n)
            {
                break;
            }
        }

        return done;
    }

    /// <summary>A failed host call as the guest's -errno; a write into a closed pipe also raises SIGPIPE, as Linux does.</summary>
    private long HostError(int hostErrno, bool write = false)
    {
        Errno errno = HostErrno.ToGuest(hostErrno);
        if (write && errno == Errno.EPIPE && _strand is not null)
        {
            SendSelf(_strand, GuestSignal.SIGPIPE, _strand.InsnPc);
        }

        return -(long)errno;
    }

    private long ReadV(int fd, ulong iov, ulong count) => VectorTransfer(fd, iov, count, write: false);

    private long WriteV(int fd, ulong iov, ulong count) => VectorTransfer(fd, iov, count, write: true);

    /// <summary>readv/writev: struct iovec is { base, len }, 16 bytes. writev gathers into one host write, keeping it atomic for pipes.</summary>
    private long VectorTransfer(int fd, ulong iov, ulong count, bool write)
    {
        if (count > MaxIovecs)
        {
            return -(long)Errno.EINVAL;
        }

        if (Files.Host(fd) < 0)
        {
            return -(long)Errno.EBADF;
        }

        var vectors = new (ulong Base, ulong Length)[count];
        ulong total = 0;
        for (ulong i = 0; i < count; i++)
        {
            vectors[i] = (ReadU64(iov + (i * 16)), ReadU64(iov + (i * 16) + 8));
            total += vectors[i].Length;
            if (total > int.MaxValue)
            {
                return -(long)Errno.EINVAL;
            }
        }

        if (write)
        {
            return GatherWrite(fd, vectors, (int)total);
        }

        long done = 0;
        foreach ((ulong b, ulong length) in vectors)
        {
            long got = Read(fd, b, length);
            if (got < 0)
            {
                return done > 0 ? done : got;
            }

            done += got;
            if ((ulong)got < length)
            {
                break;
            }
        }

        return done;
    }

    private unsafe long GatherWrite(int fd, (ulong Base, ulong Length)[] vectors, int total)
    {
        byte[] data = new byte[total];
        int at = 0;
        foreach ((ulong b, ulong length) in vectors)
        {
            ReadGuest(b, data.AsSpan(at, (int)length));
            at += (int)length;
        }

        int host = Files.Host(fd);
        long done = 0;
        fixed (byte* p = data)
        {
            while (done < total)
            {
                nint got = HostLibc.Write(host, p + done, (nuint)(total - done));
                if (got < 0)
                {
                    int errno = HostLibc.LastErrno;
                    return done > 0 ? done : HostError(errno, write: true);
                }

                done += got;
            }
        }

        return done;
    }

    private unsafe long OpenAt(int dirfd, ulong pathAddress, int flags, uint mode)
    {
        if (!TryHostDir(dirfd, out int hostDir))
        {
            return -(long)Errno.EBADF;
        }

        byte[]? path = ReadPath(pathAddress);
        if (path is null)
        {
            return -(long)Errno.ENAMETOOLONG;
        }

        int host;
        fixed (byte* p = path)
        {
            host = HostLibc.OpenAt(hostDir, p, OpenFlags.ToHost(flags), mode);
        }

        if (host < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        int fd = Files.Add(host);
        if (fd < 0)
        {
            HostLibc.Close(host);
            return -(long)Errno.EMFILE;
        }

        return fd;
    }

    private long Close(int fd)
    {
        if (Files.Host(fd) < 0)
        {
            return -(long)Errno.EBADF;
        }

        int host = Files.Remove(fd);
        if (host >= 0 && HostLibc.Close(host) < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        return 0;
    }

    private long LSeek(int fd, long offset, int whence)
    {
        int host = Files.Host(fd);
        if (host < 0)
        {
            return -(long)Errno.EBADF;
        }

        long result = HostLibc.LSeek(host, offset, whence);
        return result < 0 ? HostError(HostLibc.LastErrno) : result;
    }

    private long Dup(int fd)
    {
        int host = Files.Host(fd);
        if (host < 0)
        {
            return -(long)Errno.EBADF;
        }

        int copy = HostLibc.Dup(host);
        if (copy < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        int guest = Files.Add(copy);
        if (guest < 0)
        {
            HostLibc.Close(copy);
            return -(long)Errno.EMFILE;
        }

        return guest;
    }

    private long Dup3(int oldFd, int newFd, int flags, bool allowSame)
    {
        int host = Files.Host(oldFd);
        if (host < 0 || newFd < 0 || newFd >= FileTable.Limit)
        {
            return -(long)Errno.EBADF;
        }

        if (oldFd == newFd)
        {
            return allowSame ? newFd : -(long)Errno.EINVAL;
        }

        if ((flags & ~OpenFlags.GuestCloexec) != 0)
        {
            return -(long)Errno.EINVAL;
        }

        int copy = HostLibc.Dup(host);
        if (copy < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        int replaced = Files.Replace(newFd, copy);
        if (FileTable.ShouldCloseHost(replaced))
        {
            HostLibc.Close(replaced);
        }

        return newFd;
    }

    private unsafe long Pipe2(ulong fdsAddress, int flags, Strands.Strand? strand = null)
    {
        if ((flags & ~(OpenFlags.GuestCloexec | OpenFlags.GuestNonBlock)) != 0)
        {
            return -(long)Errno.EINVAL;
        }

        int* fds = stackalloc int[2];
        if (HostLibc.Pipe2(fds, OpenFlags.ToHost(flags)) < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        int read = Files.Add(fds[0]);
        int write = read < 0 ? -1 : Files.Add(fds[1]);
        if (write < 0)
        {
            if (read >= 0)
            {
                Files.Remove(read);
            }

            HostLibc.Close(fds[0]);
            HostLibc.Close(fds[1]);
            return -(long)Errno.EMFILE;
        }

        if (strand is not null)
        {
            // pipe (sys_sparc_pipe) returns the write end in %o1.
            strand.SetRegister(9, (ulong)write);
            return read;
        }

        Span<byte> pair = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(pair, read);
        BinaryPrimitives.WriteInt32BigEndian(pair[4..], write);
        WriteGuest(fdsAddress, pair);
        return 0;
    }

    private long Pipe(Strands.Strand strand) => Pipe2(0, 0, strand);

    private long Fcntl(int fd, int command, ulong argument)
    {
        int host = Files.Host(fd);
        if (host < 0)
        {
            return -(long)Errno.EBADF;
        }

        switch (command)
        {
            case HostLibc.FDupFd:
            case HostLibc.FDupFdCloexec:
            {
                int copy = HostLibc.Dup(host);
                if (copy < 0)
                {
                    return HostError(HostLibc.LastErrno);
                }

                int guest = Files.Add(copy, (int)Math.Min(argument, FileTable.Limit));
                if (guest < 0)
                {
                    HostLibc.Close(copy);
                    return -(long)Errno.EINVAL;
                }

                return guest;
            }

            case HostLibc.FGetFd:
            case HostLibc.FSetFd:
            {
                int r = HostLibc.Fcntl(host, command, (long)argument);
                return r < 0 ? HostError(HostLibc.LastErrno) : r;
            }

            case HostLibc.FGetFl:
            {
                int r = HostLibc.Fcntl(host, command, 0);
                return r < 0 ? HostError(HostLibc.LastErrno) : OpenFlags.ToGuest(r);
            }

            case HostLibc.FSetFl:
            {
                int r = HostLibc.Fcntl(host, command, OpenFlags.ToHost((int)argument));
                return r < 0 ? HostError(HostLibc.LastErrno) : r;
            }

            default:
                return -(long)Errno.EINVAL;
        }
    }

    private bool TryHostDir(int dirfd, out int hostDir)
    {
        hostDir = dirfd == HostLibc.AtFdCwd ? HostLibc.AtFdCwd : Files.Host(dirfd);
        return hostDir != -1;
    }
}

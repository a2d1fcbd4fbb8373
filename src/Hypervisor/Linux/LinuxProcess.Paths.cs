using System.Buffers.Binary;
using System.Text;

namespace Niagara.Hypervisor.Linux;

/// <summary>stat family, ioctl and path calls.</summary>
public sealed partial class LinuxProcess
{
    // sparc ioctl numbers (_IOR with sparc's direction bits, asm/ioctls.h).
    private const ulong GuestTcGets = 0x40245408;
    private const ulong GuestTiocGWinSz = 0x40087468;

    /// <summary>struct termios on sparc: four flag words, c_line, c_cc[17], padded to 36 bytes.</summary>
    private const int GuestTermiosSize = 36;

    private enum StatLayout
    {
        /// <summary>sparc64 struct stat (stat, lstat, fstat): 104 bytes.</summary>
        Stat,

        /// <summary>sparc64 struct stat64 (fstatat64, stat64, fstat64): 144 bytes.</summary>
        Stat64,
    }

    private unsafe long Ioctl(int fd, ulong request, ulong argument)
    {
        int host = Files.Host(fd);
        if (host < 0)
        {
            return -(long)Errno.EBADF;
        }

        if (request is not (GuestTcGets or GuestTiocGWinSz) || HostLibc.IsATty(host) == 0)
        {
            // What the kernel answers for a pipe or a file (stdout and stderr are pipes under test).
            return -(long)Errno.ENOTTY;
        }

        byte* buffer = stackalloc byte[64];
        if (HostLibc.Ioctl(host, request == GuestTcGets ? HostLibc.TcGets : HostLibc.TiocGWinSz, buffer) < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        if (request == GuestTiocGWinSz)
        {
            Span<byte> winsize = stackalloc byte[8];
            for (int i = 0; i < 4; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(winsize[(2 * i)..], ((ushort*)buffer)[i]);
            }

            WriteGuest(argument, winsize);
            return 0;
        }

        Span<byte> termios = stackalloc byte[GuestTermiosSize];
        termios.Clear();
        for (int i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(termios[(4 * i)..], ((uint*)buffer)[i]);
        }

        new ReadOnlySpan<byte>(buffer + 16, 18).CopyTo(termios[16..]);
        WriteGuest(argument, termios);
        return 0;
    }

    /// <summary>Host statx into <paramref name="statx"/> (256 bytes, host byte order); -errno or 0.</summary>
    private unsafe long HostStatx(int dirfd, ulong pathAddress, int flags, Span<byte> statx)
    {
        if (!TryHostDir(dirfd, out int hostDir))
        {
            return -(long)Errno.EBADF;
        }

        byte[]? path = pathAddress == 0 ? [0] : ReadPath(pathAddress);
        if (path is null)
        {
            return -(long)Errno.ENAMETOOLONG;
        }

        if (path.Length == 1 && (flags & HostLibc.AtEmptyPath) == 0)
        {
            return -(long)Errno.ENOENT;
        }

        fixed (byte* p = path)
        fixed (byte* b = statx)
        {
            if (HostLibc.Statx(hostDir, p, flags & (HostLibc.AtEmptyPath | HostLibc.AtSymlinkNoFollow | 0x800), HostLibc.StatxBasicStats, b) < 0)
            {
                return HostError(HostLibc.LastErrno);
            }
        }

        return 0;
    }

    private long StatAt(int dirfd, ulong pathAddress, int flags, ulong buffer, StatLayout layout)
    {
        Span<byte> x = stackalloc byte[HostLibc.StatxSize];
        long r = HostStatx(dirfd, pathAddress, flags, x);
        if (r < 0)
        {
            return r;
        }

        var h = new StatxView(x);
        ulong dev = EncodeDevice(h.U32(136), h.U32(140));
        ulong rdev = EncodeDevice(h.U32(128), h.U32(132));
        Span<byte> g = stackalloc byte[144];
        g.Clear();
        if (layout == StatLayout.Stat64)
        {
            Put64(g, 0, dev);
            Put64(g, 8, h.U64(32));
            Put64(g, 16, h.U32(16));
            Put32(g, 24, h.U16(28));
            Put32(g, 28, h.U32(20));
            Put32(g, 32, h.U32(24));
            Put64(g, 40, rdev);
            Put64(g, 48, h.U64(40));
            Put64(g, 56, h.U32(4));
            Put64(g, 64, h.U64(48));
            PutTime(g, 72, h, 64);
            PutTime(g, 88, h, 112);
            PutTime(g, 104, h, 96);
            WriteGuest(buffer, g);
        }
        else
        {
            Put32(g, 0, (uint)dev);
            Put64(g, 8, h.U64(32));
            Put32(g, 16, h.U16(28));
            BinaryPrimitives.WriteInt16BigEndian(g[20..], (short)Math.Min(h.U32(16), (uint)short.MaxValue));
            Put32(g, 24, h.U32(20));
            Put32(g, 28, h.U32(24));
            Put32(g, 32, (uint)rdev);
            Put64(g, 40, h.U64(40));
            Put64(g, 48, h.U64(64));
            Put64(g, 56, h.U64(112));
            Put64(g, 64, h.U64(96));
            Put64(g, 72, h.U32(4));
            Put64(g, 80, h.U64(48));
            WriteGuest(buffer, g[..104]);
        }

        return 0;
    }

    /// <summary>statx: struct statx has one layout on every architecture; only the byte order changes.</summary>
    private long Statx(int dirfd, ulong pathAddress, int flags, uint mask, ulong buffer)
    {
        Span<byte> x = stackalloc byte[HostLibc.StatxSize];
        long r = HostStatx(dirfd, pathAddress, flags, x);
        if (r < 0)
        {
            return r;
        }

        var h = new StatxView(x);
        Span<byte> g = stackalloc byte[HostLibc.StatxSize];
        g.Clear();
        foreach (int at in (ReadOnlySpan<int>)[0, 4, 16, 20, 24, 128, 132, 136, 140, 152, 156])
        {
            Put32(g, at, h.U32(at));
        }

        foreach (int at in (ReadOnlySpan<int>)[8, 32, 40, 48, 56, 144])
        {
            Put64(g, at, h.U64(at));
        }

        BinaryPrimitives.WriteUInt16BigEndian(g[28..], h.U16(28));
        for (int t = 64; t <= 112; t += 16)
        {
            Put64(g, t, h.U64(t));
            Put32(g, t + 8, h.U32(t + 8));
        }

        _ = mask;
        WriteGuest(buffer, g);
        return 0;
    }

    /// <summary>new_encode_dev (include/linux/kdev_t.h), what stat reports on Linux.</summary>
    private static ulong EncodeDevice(uint major, uint minor) => (minor & 0xff) | (major << 8) | ((ulong)(minor & ~0xffu) << 12);

    private static void Put64(Span<byte> b, int at, ulong v) => BinaryPrimitives.WriteUInt64BigEndian(b[at..], v);

    private static void Put32(Span<byte> b, int at, uint v) => BinaryPrimitives.WriteUInt32BigEndian(b[at..], v);

    private static void PutTime(Span<byte> g, int at, StatxView h, int timestamp)
    {
        Put64(g, at, h.U64(timestamp));
        Put64(g, at + 8, h.U32(timestamp + 8));
    }

    private unsafe long ReadLinkAt(int dirfd, ulong pathAddress, ulong buffer, ulong size)
    {
        if ((long)size <= 0)
        {
            return -(long)Errno.EINVAL;
        }

        byte[]? path = ReadPath(pathAddress);
        if (path is null)
        {
            return -(long)Errno.ENAMETOOLONG;
        }

        string text = PathText(path);
        if (text == "/proc/self/exe" || text == $"/proc/{Pid}/exe")
        {
            byte[] exe = Encoding.UTF8.GetBytes(_options.ExecutablePath);
            int n = (int)Math.Min((ulong)exe.Length, size);
            WriteGuest(buffer, exe.AsSpan(0, n));
            return n;
        }

        if (!TryHostDir(dirfd, out int hostDir))
        {
            return -(long)Errno.EBADF;
        }

        byte[] target = new byte[Math.Min(size, (ulong)PathMax)];
        nint got;
        fixed (byte* p = path)
        fixed (byte* t = target)
        {
            got = HostLibc.ReadLinkAt(hostDir, p, t, (nuint)target.Length);
        }

        if (got < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        WriteGuest(buffer, target.AsSpan(0, (int)got));
        return got;
    }

    private unsafe long PathCall(int dirfd, ulong pathAddress, Func<int, nint, int> call)
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

        fixed (byte* p = path)
        {
            return call(hostDir, (nint)p) < 0 ? HostError(HostLibc.LastErrno) : 0;
        }
    }

    private unsafe long FAccessAt(int dirfd, ulong path, int mode) =>
        PathCall(dirfd, path, (d, p) => HostLibc.FAccessAt(d, (byte*)p, mode, 0));

    private unsafe long UnlinkAt(int dirfd, ulong path, int flags) =>
        PathCall(dirfd, path, (d, p) => HostLibc.UnlinkAt(d, (byte*)p, flags & 0x200));

    private unsafe long MkdirAt(int dirfd, ulong path, uint mode) =>
        PathCall(dirfd, path, (d, p) => HostLibc.MkdirAt(d, (byte*)p, mode));

    private unsafe long ChDir(ulong path) =>
        PathCall(HostLibc.AtFdCwd, path, (_, p) => HostLibc.ChDir((byte*)p));

    private unsafe long RenameAt(int oldDir, ulong oldPath, int newDir, ulong newPath)
    {
        if (!TryHostDir(newDir, out int hostNewDir))
        {
            return -(long)Errno.EBADF;
        }

        byte[]? target = ReadPath(newPath);
        if (target is null)
        {
            return -(long)Errno.ENAMETOOLONG;
        }

        return PathCall(oldDir, oldPath, (d, p) =>
        {
            fixed (byte* t = target)
            {
                return HostLibc.RenameAt(d, (byte*)p, hostNewDir, t);
            }
        });
    }

    private long FTruncate(int fd, long length)
    {
        int host = Files.Host(fd);
        return host < 0 ? -(long)Errno.EBADF : HostLibc.FTruncate(host, length) < 0 ? HostError(HostLibc.LastErrno) : 0;
    }

    private long FSync(int fd)
    {
        int host = Files.Host(fd);
        return host < 0 ? -(long)Errno.EBADF : HostLibc.FSync(host) < 0 ? HostError(HostLibc.LastErrno) : 0;
    }

    private unsafe long GetCwd(ulong buffer, ulong size)
    {
        byte[] cwd = new byte[PathMax];
        fixed (byte* c = cwd)
        {
            if (HostLibc.GetCwd(c, (nuint)cwd.Length) == null)
            {
                return HostError(HostLibc.LastErrno);
            }
        }

        int length = Array.IndexOf(cwd, (byte)0) + 1;
        if ((ulong)length > size)
        {
            return -(long)Errno.ERANGE;
        }

        WriteGuest(buffer, cwd.AsSpan(0, length));
        return length;
    }

    /// <summary>getdents64: the host's records with their numbers byte-swapped (d_ino, d_off, d_reclen).</summary>
    private unsafe long GetDents64(int fd, ulong buffer, ulong size)
    {
        int host = Files.Host(fd);
        if (host < 0)
        {
            return -(long)Errno.EBADF;
        }

        byte[] records = new byte[Math.Min(size, (ulong)ChunkSize)];
        nint got;
        fixed (byte* r = records)
        {
            got = HostLibc.GetDents64(host, r, (nuint)records.Length);
        }

        if (got < 0)
        {
            return HostError(HostLibc.LastErrno);
        }

        for (int at = 0; at < got;)
        {
            Span<byte> record = records.AsSpan(at);
            ushort length = BinaryPrimitives.ReadUInt16LittleEndian(record[16..]);
            BinaryPrimitives.WriteUInt64BigEndian(record, BinaryPrimitives.ReadUInt64LittleEndian(record));
            BinaryPrimitives.WriteUInt64BigEndian(record[8..], BinaryPrimitives.ReadUInt64LittleEndian(record[8..]));
            BinaryPrimitives.WriteUInt16BigEndian(record[16..], length);
            at += Math.Max((int)length, 1);
        }

        WriteGuest(buffer, records.AsSpan(0, (int)got));
        return got;
    }

    /// <summary>A host struct statx, read in host (little-endian) byte order.</summary>
    private readonly ref struct StatxView(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _b = bytes;

        public ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(_b[at..]);

        public uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(_b[at..]);

        public ulong U64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(_b[at..]);
    }
}

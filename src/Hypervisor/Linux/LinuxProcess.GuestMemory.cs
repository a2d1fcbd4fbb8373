using System.Buffers.Binary;
using Niagara.Memory;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// Guest memory as system calls touch it: with the page rights checked (a bad pointer throws
/// <see cref="MemoryFaultException"/>, which the dispatcher answers with EFAULT) and with
/// stores invalidating predecoded code, as a guest store would.
/// </summary>
public sealed partial class LinuxProcess
{
    /// <summary>PATH_MAX: longer paths are ENAMETOOLONG.</summary>
    private const int PathMax = 4096;

    private void ReadGuest(ulong address, Span<byte> destination) => Memory.Read(address, destination);

    private void WriteGuest(ulong address, ReadOnlySpan<byte> source)
    {
        Memory.Write(address, source);
        for (ulong page = address & ~MemoryPage.OffsetMask; page < address + (ulong)source.Length; page += MemoryPage.Size)
        {
            if (Memory.TryGetPage(page) is { } p)
            {
                p.DecodedCode = null;
            }
        }
    }

    private ulong ReadU64(ulong address)
    {
        Span<byte> b = stackalloc byte[8];
        ReadGuest(address, b);
        return BinaryPrimitives.ReadUInt64BigEndian(b);
    }

    private uint ReadU32(ulong address)
    {
        Span<byte> b = stackalloc byte[4];
        ReadGuest(address, b);
        return BinaryPrimitives.ReadUInt32BigEndian(b);
    }

    private void WriteU64(ulong address, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, value);
        WriteGuest(address, b);
    }

    private void WriteU32(ulong address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        WriteGuest(address, b);
    }

    /// <summary>A NUL-terminated guest string with its NUL, or null when it is longer than PATH_MAX.</summary>
    private byte[]? ReadPath(ulong address)
    {
        var bytes = new List<byte>(64);
        for (int i = 0; i < PathMax; i++)
        {
            byte b = Memory.ReadU8(address + (ulong)i);
            bytes.Add(b);
            if (b == 0)
            {
                return bytes.ToArray();
            }
        }

        return null;
    }

    private static string PathText(byte[] path) => System.Text.Encoding.UTF8.GetString(path, 0, Math.Max(0, path.Length - 1));
}

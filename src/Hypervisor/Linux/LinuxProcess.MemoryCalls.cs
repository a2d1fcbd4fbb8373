using Niagara.Memory;
using Niagara.Strands;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// brk and the mmap family over the <see cref="AddressSpace"/>. Mappings are private copies:
/// a file mapping is filled from the file once (MAP_SHARED writes do not reach the file).
/// Every change flushes the strand's page-lookup cache, which would otherwise still hold
/// unmapped or re-protected pages.
/// </summary>
public sealed partial class LinuxProcess
{
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int ProtExec = 4;
    private const int MapShared = 0x01;
    private const int MapPrivate = 0x02;
    private const int MapFixed = 0x10;
    private const int MapAnonymous = 0x20;
    private const int MapFixedNoReplace = 0x100000;
    private const int MremapMayMove = 1;
    private const int MremapFixed = 2;
    private const int MadvDontNeed = 4;

    private readonly ulong _brkStart;
    private ulong _brk;
    private ulong _brkMapped;

    /// <summary>The lowest address mmap must stay below: the bottom of the stack mapping.</summary>
    private ulong MmapLimit => AddressSpaceLayout.StackTop - AddressSpaceLayout.PageAlignUp(_options.StackSize);

    private long Brk(Strand s, ulong address)
    {
        if (address < _brkStart)
        {
            return (long)_brk;
        }

        ulong top = AddressSpaceLayout.PageAlignUp(address);
        if (top > _brkMapped)
        {
            if (top > AddressSpaceLayout.MmapBase || !Space.IsFree(_brkMapped, top))
            {
                return (long)_brk;
            }

            Space.Map(_brkMapped, top, PageAccess.ReadWrite);
        }
        else if (top < _brkMapped)
        {
            Space.Unmap(top, _brkMapped);
            s.Memory.Flush();
        }

        _brkMapped = top;
        _brk = address;
        return (long)_brk;
    }

    private static PageAccess Protection(int prot) =>
        ((prot & ProtRead) != 0 ? PageAccess.Read : PageAccess.None)
        | ((prot & ProtWrite) != 0 ? PageAccess.Write : PageAccess.None)
        | ((prot & ProtExec) != 0 ? PageAccess.Execute : PageAccess.None);

    private unsafe long Mmap(Strand s, ulong address, ulong length, int prot, int flags, int fd, long offset)
    {
        bool anonymous = (flags & MapAnonymous) != 0;
        if (length == 0 || (offset & (long)(AddressSpaceLayout.PageSize - 1)) != 0 || (flags & (MapShared | MapPrivate)) == 0)
        {
            return -(long)Errno.EINVAL;
        }

        ulong size = AddressSpaceLayout.PageAlignUp(length);
        if (size < length || size > AddressSpaceLayout.StackTop)
        {
            return -(long)Errno.ENOMEM;
        }

        int host = anonymous ? -1 : Files.Host(fd);
        if (!anonymous && host < 0)
        {
            return -(long)Errno.EBADF;
        }

        ulong start;
        if ((flags & (MapFixed | MapFixedNoReplace)) != 0)
        {
            if ((address & (AddressSpaceLayout.PageSize - 1)) != 0 || address + size < address || address + size > AddressSpaceLayout.StackTop)
            {
                return -(long)Errno.EINVAL;
            }

            if (!Space.IsFree(address, address + size))
            {
                if ((flags & MapFixed) == 0)
                {
                    return -(long)Errno.EEXIST;
                }

                Space.Unmap(address, address + size);
            }

            start = address;
        }
        else
        {
            ulong hint = AddressSpaceLayout.PageAlignDown(address);
            if (hint != 0 && hint + size > hint && hint + size <= MmapLimit && Space.IsFree(hint, hint + size))
            {
                start = hint;
            }
            else if (Space.FindFree(size, AddressSpaceLayout.MmapBase, MmapLimit) is { } free)
            {
                start = free;
            }
            else
            {
                return -(long)Errno.ENOMEM;
            }
        }

        Space.Map(start, start + size, Protection(prot));
        s.Memory.Flush();
        if (!anonymous)
        {
            long r = FillFromFile(host, start, length, offset);
            if (r < 0)
            {
                Space.Unmap(start, start + size);
                s.Memory.Flush();
                return r;
            }
        }

        return (long)start;
    }

    private unsafe long FillFromFile(int host, ulong start, ulong length, long offset)
    {
        ulong done = 0;
        while (done < length)
        {
            int n = (int)Math.Min((ulong)ChunkSize, length - done);
            nint got;
            fixed (byte* p = _io)
            {
                got = HostLibc.PRead(host, p, (nuint)n, offset + (long)done);
            }

            if (got < 0)
            {
                return HostError(HostLibc.LastErrno);
            }

            if (got == 0)
            {
                break;
            }

            Memory.Load(start + done, _io.AsSpan(0, (int)got));
            done += (ulong)got;
        }

        return 0;
    }

    private long Munmap(Strand s, ulong address, ulong length)
    {
        if ((address & (AddressSpaceLayout.PageSize - 1)) != 0 || length == 0 || address + length < address)
        {
            return -(long)Errno.EINVAL;
        }

        Space.Unmap(address, AddressSpaceLayout.PageAlignUp(address + length));
        s.Memory.Flush();
        return 0;
    }

    private long Mprotect(Strand s, ulong address, ulong length, int prot)
    {
        if ((address & (AddressSpaceLayout.PageSize - 1)) != 0 || address + length < address)
        {
            return -(long)Errno.EINVAL;
        }

        if (length == 0)
        {
            return 0;
        }

        if (!Space.Protect(address, AddressSpaceLayout.PageAlignUp(address + length), Protection(prot)))
        {
            return -(long)Errno.ENOMEM;
        }

        s.Memory.Flush();
        return 0;
    }

    private long Mremap(Strand s, ulong oldAddress, ulong oldLength, ulong newLength, int flags, ulong newAddress)
    {
        ulong oldSize = AddressSpaceLayout.PageAlignUp(oldLength);
        ulong newSize = AddressSpaceLayout.PageAlignUp(newLength);
        if ((oldAddress & (AddressSpaceLayout.PageSize - 1)) != 0 || newSize == 0 || (flags & ~(MremapMayMove | MremapFixed)) != 0
            || ((flags & MremapFixed) != 0 && (flags & MremapMayMove) == 0))
        {
            return -(long)Errno.EINVAL;
        }

        if (!Space.IsMapped(oldAddress, oldAddress + oldSize) || Space.AccessAt(oldAddress) is not { } access)
        {
            return -(long)Errno.EFAULT;
        }

        if ((flags & MremapFixed) == 0)
        {
            if (newSize <= oldSize)
            {
                if (newSize < oldSize)
                {
                    Space.Unmap(oldAddress + newSize, oldAddress + oldSize);
                    s.Memory.Flush();
                }

                return (long)oldAddress;
            }

            if (Space.IsFree(oldAddress + oldSize, oldAddress + newSize) && oldAddress + newSize <= MmapLimit)
            {
                Space.Map(oldAddress + oldSize, oldAddress + newSize, access);
                return (long)oldAddress;
            }

            if ((flags & MremapMayMove) == 0)
            {
                return -(long)Errno.ENOMEM;
            }
        }

        ulong target;
        if ((flags & MremapFixed) != 0)
        {
            if ((newAddress & (AddressSpaceLayout.PageSize - 1)) != 0 || newAddress + newSize > AddressSpaceLayout.StackTop)
            {
                return -(long)Errno.EINVAL;
            }

            Space.Unmap(newAddress, newAddress + newSize);
            target = newAddress;
        }
        else if (Space.FindFree(newSize, AddressSpaceLayout.MmapBase, MmapLimit) is { } free)
        {
            target = free;
        }
        else
        {
            return -(long)Errno.ENOMEM;
        }

        Space.Map(target, target + newSize, access);
        for (ulong at = 0; at < Math.Min(oldSize, newSize); at += AddressSpaceLayout.PageSize)
        {
            if (Memory.TryGetPage(oldAddress + at) is { } page)
            {
                Memory.Load(target + at, page.Data);
            }
        }

        Space.Unmap(oldAddress, oldAddress + oldSize);
        s.Memory.Flush();
        return (long)target;
    }

    private long Madvise(Strand s, ulong address, ulong length, int advice)
    {
        if ((address & (AddressSpaceLayout.PageSize - 1)) != 0)
        {
            return -(long)Errno.EINVAL;
        }

        ulong end = AddressSpaceLayout.PageAlignUp(address + length);
        if (!Space.IsMapped(address, end))
        {
            return -(long)Errno.ENOMEM;
        }

        if (advice == MadvDontNeed)
        {
            // Private anonymous pages read back as zeros afterwards.
            for (ulong page = address; page < end; page += AddressSpaceLayout.PageSize)
            {
                if (Memory.TryGetPage(page) is { } p)
                {
                    p.Data.Clear();
                    p.DecodedCode = null;
                }
            }

            _ = s;
        }

        return 0;
    }
}

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// mem_scrub and mem_sync (sun4v reference section 2): length 0 EINVAL; address or length not
/// 8 KB aligned EBADALIGN; outside guest memory ENORADDR; else up to
/// <see cref="Sun4vMachineOptions.MemScrubMaxBytes"/> are done and the count returned ("success
/// or partial success"). Scrubbing zeroes the memory; syncing has nothing to do because
/// simulated memory has no cache to push out.
/// </summary>
internal sealed class MemoryServices
{
    /// <summary>MEMSYNC_ALIGNMENT (T1 HV hypervisor.h), the reference's alignment for both calls.</summary>
    public const ulong Alignment = 0x2000;

    private readonly Sun4vHypervisor _hv;
    private readonly ulong _maxBytes;

    public MemoryServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        _maxBytes = Math.Max(Alignment, hv.Options.MemScrubMaxBytes & ~(Alignment - 1));
        hv.Register(FastTrapFunction.MEM_SCRUB, ApiGroup.CORE, 1, 0, MemScrub);
        hv.Register(FastTrapFunction.MEM_SYNC, ApiGroup.CORE, 1, 0, MemSync);
    }

    /// <summary>mem_scrub(ra, len) -> bytes scrubbed (zeroed).</summary>
    public void MemScrub(VirtualCpu cpu)
    {
        if (Check(cpu, out ulong ra, out ulong length))
        {
            byte[] zeros = new byte[Math.Min(length, 1UL << 16)];
            for (ulong done = 0; done < length; done += (ulong)zeros.Length)
            {
                _hv.Memory.Write(ra + done, zeros.AsSpan(0, (int)Math.Min((ulong)zeros.Length, length - done)));
            }

            cpu.Return(HypervisorError.EOK, length);
        }
    }

    /// <summary>mem_sync(ra, len) -> bytes synced.</summary>
    public void MemSync(VirtualCpu cpu)
    {
        if (Check(cpu, out _, out ulong length))
        {
            cpu.Return(HypervisorError.EOK, length);
        }
    }

    private bool Check(VirtualCpu cpu, out ulong ra, out ulong length)
    {
        ra = cpu.Arg(0);
        length = cpu.Arg(1);
        HypervisorError status = length == 0 ? HypervisorError.EINVAL
            : ((ra | length) & (Alignment - 1)) != 0 ? HypervisorError.EBADALIGN
            : !_hv.InGuest(ra, length) ? HypervisorError.ENORADDR
            : HypervisorError.EOK;
        if (status != HypervisorError.EOK)
        {
            cpu.Return(status);
            return false;
        }

        length = Math.Min(length, _maxBytes);
        return true;
    }
}

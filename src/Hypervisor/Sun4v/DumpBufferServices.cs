namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// The guest's dump buffer (sun4v reference section 2 and 7; T1 HV hcall_dump_buf_update):
/// one per guest, at least 8 KB, 64-byte aligned.
/// </summary>
internal sealed class DumpBufferServices
{
    /// <summary>DUMPBUF_MINSIZE on the T1.</summary>
    public const ulong MinimumSize = 8192;

    /// <summary>DUMPBUF_ALIGNMENT.</summary>
    public const ulong Alignment = 64;

    private readonly Sun4vHypervisor _hv;

    public DumpBufferServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        hv.Register(FastTrapFunction.DUMP_BUF_UPDATE, ApiGroup.CORE, 1, 0, DumpBufUpdate);
        hv.Register(FastTrapFunction.DUMP_BUF_INFO, ApiGroup.CORE, 1, 0, DumpBufInfo);
    }

    /// <summary>
    /// dump_buf_update(ra, size) -> size. Any call first unconfigures the buffer (so an error
    /// leaves none); size 0 stops there with EOK; below 8 KB EINVAL with the minimum in %o1; ra
    /// not 64-byte aligned EBADALIGN; outside guest memory ENORADDR. Guest-wide, so the whole
    /// call is applied at the boundary.
    /// </summary>
    public void DumpBufUpdate(VirtualCpu cpu)
    {
        ulong ra = cpu.Arg(0), size = cpu.Arg(1);
        _hv.Defer(cpu, _ =>
        {
            GuestDomain guest = _hv.Guest;
            guest.DumpBufferRa = guest.DumpBufferSize = 0;
            if (size == 0)
            {
                cpu.Return(HypervisorError.EOK);
            }
            else if (size < MinimumSize)
            {
                cpu.Return(HypervisorError.EINVAL, MinimumSize);
            }
            else if ((ra & (Alignment - 1)) != 0)
            {
                cpu.Return(HypervisorError.EBADALIGN);
            }
            else if (!_hv.InGuest(ra, size))
            {
                cpu.Return(HypervisorError.ENORADDR);
            }
            else
            {
                guest.DumpBufferRa = ra;
                guest.DumpBufferSize = size;
                cpu.Return(HypervisorError.EOK, size);
            }
        });
    }

    /// <summary>dump_buf_info -> ra, size (0, 0 when none).</summary>
    public void DumpBufInfo(VirtualCpu cpu) => cpu.Return(HypervisorError.EOK, _hv.Guest.DumpBufferRa, _hv.Guest.DumpBufferSize);
}

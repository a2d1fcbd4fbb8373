using System.Buffers.Binary;
using Niagara.Strands;
using Niagara.Strands.Traps;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// Trap tracing (sun4v reference section 7; T1 HV hcall.s and traptrace.h): a per-vCPU buffer of
/// 64-byte records after a 64-byte header (+0 offset of the last record written, +8 offset of
/// the next), wrapping to the first record. ttrace_addentry (`ta 0x85`) adds guest records (type
/// 0xff); while tracing is enabled the hypervisor adds a record (type 1) for every hypercall it
/// takes: f1 = %o5 (the function), f2..f4 = %o0..%o2. ttrace_freeze stops both, guest-wide.
/// </summary>
internal sealed class TrapTraceServices
{
    public const ulong RecordBytes = 64;
    public const ulong MinimumEntries = 2;

    private const byte TypeHypervisor = 1;
    private const byte TypeGuest = 0xff;
    private const byte HpstateEnb = 2;
    private const int MaxGl = 3;

    private readonly Sun4vHypervisor _hv;

    public TrapTraceServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        hv.Register(FastTrapFunction.TTRACE_BUF_CONF, ApiGroup.CORE, 1, 0, TtraceBufConf);
        hv.Register(FastTrapFunction.TTRACE_BUF_INFO, ApiGroup.CORE, 1, 0, TtraceBufInfo);
        hv.Register(FastTrapFunction.TTRACE_ENABLE, ApiGroup.CORE, 1, 0, TtraceEnable);
        hv.Register(FastTrapFunction.TTRACE_FREEZE, ApiGroup.CORE, 1, 0, TtraceFreeze);
        hv.Register(HypervisorTrap.TTRACE_ADDENTRY, ApiGroup.CORE, 1, 0, TtraceAddentry);
    }

    /// <summary>
    /// ttrace_buf_conf(ra, n) -> n. Always first disables tracing and drops the old buffer;
    /// n = 0 stops there; ra not 64-byte aligned EBADALIGN; n below 2 EINVAL with the minimum in
    /// %o1; outside guest memory ENORADDR.
    /// </summary>
    public void TtraceBufConf(VirtualCpu cpu)
    {
        ulong ra = cpu.Arg(0), entries = cpu.Arg(1);
        Unconfigure(cpu);
        if (entries == 0)
        {
            cpu.Return(HypervisorError.EOK);
            return;
        }

        if ((ra & (RecordBytes - 1)) != 0)
        {
            cpu.Return(HypervisorError.EBADALIGN);
            return;
        }

        if (entries < MinimumEntries)
        {
            cpu.Return(HypervisorError.EINVAL, MinimumEntries);
            return;
        }

        if (entries > ulong.MaxValue / RecordBytes || !_hv.InGuest(ra, entries * RecordBytes))
        {
            cpu.Return(HypervisorError.ENORADDR);
            return;
        }

        cpu.TraceBufferRa = ra;
        cpu.TraceBufferBytes = entries * RecordBytes;
        cpu.TraceOffset = RecordBytes;
        _hv.Memory.WriteU64(ra, RecordBytes);     // TTRACE_HEADER_LAST_OFF
        _hv.Memory.WriteU64(ra + 8, RecordBytes); // TTRACE_HEADER_OFFSET
        cpu.Return(HypervisorError.EOK, entries);
    }

    /// <summary>ttrace_buf_info -> ra, n (0, 0 without a buffer).</summary>
    public void TtraceBufInfo(VirtualCpu cpu)
    {
        ulong entries = cpu.TraceBufferBytes / RecordBytes;
        cpu.Return(HypervisorError.EOK, entries == 0 ? 0 : cpu.TraceBufferRa, entries);
    }

    /// <summary>ttrace_enable(flag) -> previous (0/1); without a buffer EINVAL, still with the previous state.</summary>
    public void TtraceEnable(VirtualCpu cpu)
    {
        ulong previous = cpu.TraceEnabled ? 1UL : 0UL;
        if (cpu.TraceBufferBytes == 0)
        {
            cpu.Return(HypervisorError.EINVAL, previous);
            return;
        }

        cpu.TraceEnabled = cpu.Arg(0) != 0;
        cpu.Return(HypervisorError.EOK, previous);
    }

    /// <summary>ttrace_freeze(flag) -> previous (0/1), guest-wide (applied at the boundary); without a buffer on this vCPU EINVAL.</summary>
    public void TtraceFreeze(VirtualCpu cpu)
    {
        if (cpu.TraceBufferBytes == 0)
        {
            cpu.Return(HypervisorError.EINVAL);
            return;
        }

        bool freeze = cpu.Arg(0) != 0;
        _hv.Defer(cpu, _ =>
        {
            ulong previous = _hv.Guest.TraceFrozen ? 1UL : 0UL;
            _hv.Guest.TraceFrozen = freeze;
            cpu.Return(HypervisorError.EOK, previous);
        });
    }

    /// <summary>
    /// ttrace_addentry(tag, f1..f4) (`ta 0x85`): frozen EOK and nothing written; no buffer
    /// EINVAL; else a guest record whose TL is the caller's and whose TT/TSTATE/TPC are the
    /// caller's top trap-stack entry (the hypercall's own at TL 0). Only %o0 is written.
    /// </summary>
    public void TtraceAddentry(VirtualCpu cpu)
    {
        if (_hv.Guest.TraceFrozen)
        {
            cpu.Return(HypervisorError.EOK);
            return;
        }

        if (cpu.TraceBufferBytes == 0)
        {
            cpu.Return(HypervisorError.EINVAL);
            return;
        }

        Strand s = cpu.Strand;
        int tl = s.Tl;
        ushort tt = tl == 0 ? (ushort)(TrapType.TrapInstruction0 + (int)HypervisorTrap.TTRACE_ADDENTRY) : s.Tt[tl];
        ulong tstate = tl == 0 ? s.PackTstate() : s.Tstate[tl];
        ulong tpc = tl == 0 ? s.InsnPc : s.Tpc[tl];
        Write(cpu, TypeGuest, tt, (ushort)cpu.Arg(0), tstate, tpc, cpu.Arg(1), cpu.Arg(2), cpu.Arg(3), cpu.Arg(4));
        cpu.Return(HypervisorError.EOK);
    }

    /// <summary>Adds a hypervisor record for a hypercall when this vCPU traces and the guest is not frozen.</summary>
    public void RecordHypervisorTrap(VirtualCpu cpu, TrapType trap, ulong trapPc)
    {
        if (!cpu.TraceEnabled || cpu.TraceBufferBytes == 0 || _hv.Guest.TraceFrozen)
        {
            return;
        }

        Strand s = cpu.Strand;
        Write(cpu, TypeHypervisor, (ushort)trap, 0, s.PackTstate(), trapPc, cpu.Arg(5), cpu.Arg(0), cpu.Arg(1), cpu.Arg(2), hypervisorLevel: true);
    }

    /// <summary>Drops the buffer and disables tracing.</summary>
    public void Unconfigure(VirtualCpu cpu)
    {
        cpu.TraceEnabled = false;
        cpu.TraceBufferRa = cpu.TraceBufferBytes = cpu.TraceOffset = 0;
    }

    private void Write(VirtualCpu cpu, byte type, ushort tt, ushort tag, ulong tstate, ulong tpc, ulong f1, ulong f2, ulong f3, ulong f4, bool hypervisorLevel = false)
    {
        Strand s = cpu.Strand;
        Span<byte> record = stackalloc byte[(int)RecordBytes];
        record[0] = type;
        record[1] = HpstateEnb;
        record[2] = (byte)(hypervisorLevel ? s.Tl + 1 : s.Tl);
        record[3] = (byte)Math.Min(s.Gl + 1, MaxGl); // GL inside the hypervisor trap
        BinaryPrimitives.WriteUInt16BigEndian(record[4..], tt);
        BinaryPrimitives.WriteUInt16BigEndian(record[6..], tag);
        BinaryPrimitives.WriteUInt64BigEndian(record[8..], tstate);
        BinaryPrimitives.WriteUInt64BigEndian(record[16..], cpu.Now);
        BinaryPrimitives.WriteUInt64BigEndian(record[24..], tpc);
        BinaryPrimitives.WriteUInt64BigEndian(record[32..], f1);
        BinaryPrimitives.WriteUInt64BigEndian(record[40..], f2);
        BinaryPrimitives.WriteUInt64BigEndian(record[48..], f3);
        BinaryPrimitives.WriteUInt64BigEndian(record[56..], f4);

        // TTRACE_NEXT: record the offset just written, advance, wrap past the header.
        ulong offset = cpu.TraceOffset;
        _hv.Memory.Write(cpu.TraceBufferRa + offset, record);
        _hv.Memory.WriteU64(cpu.TraceBufferRa, offset);
        ulong next = offset + RecordBytes;
        if (next >= cpu.TraceBufferBytes)
        {
            next = RecordBytes;
        }

        _hv.Memory.WriteU64(cpu.TraceBufferRa + 8, next);
        cpu.TraceOffset = next;
    }
}

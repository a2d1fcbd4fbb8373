using Niagara.Hypervisor.MachineDescriptions;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// Machine-wide services: mach_exit, mach_desc, mach_sir, mach_set_watchdog, the CORE_TRAP API
/// negotiation calls, and guest start-up (boot and the restart mach_sir does).
/// </summary>
internal sealed class MachineServices
{
    /// <summary>The boot vCPU starts at RTBA + 0x20, the power-on-reset vector (reference section 4).</summary>
    public const ulong PowerOnResetOffset = 0x20;

    private readonly Sun4vHypervisor _hv;
    private IReadOnlyList<GuestImageSegment> _image = [];

    public MachineServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        hv.Register(FastTrapFunction.MACH_EXIT, ApiGroup.CORE, 1, 0, MachExit);
        hv.Register(FastTrapFunction.MACH_DESC, ApiGroup.CORE, 1, 0, MachDesc);
        hv.Register(FastTrapFunction.MACH_SIR, ApiGroup.CORE, 1, 0, MachSir);
        hv.Register(FastTrapFunction.MACH_SET_WATCHDOG, ApiGroup.CORE, 1, 1, MachSetWatchdog);
    }

    /// <summary>
    /// Copies the image into guest memory and starts the boot vCPU (the lowest strand id) at
    /// RTBA + 0x20 with RTBA = the guest's real-address base, as the T1 HV does after copying
    /// the guest's ROM image to that base.
    /// </summary>
    public void Boot(IReadOnlyList<GuestImageSegment> image, ulong cycle)
    {
        foreach (GuestImageSegment segment in image)
        {
            if ((ulong)segment.Bytes.Length > segment.MemorySize)
            {
                throw new ArgumentException($"segment at 0x{segment.Address:x}: {segment.Bytes.Length} file bytes exceed its memory size 0x{segment.MemorySize:x}", nameof(image));
            }

            if (!_hv.InGuest(segment.Address, segment.MemorySize))
            {
                throw new ArgumentException($"segment 0x{segment.Address:x}..0x{segment.Address + segment.MemorySize:x} lies outside guest memory 0x{_hv.GuestBase:x}..0x{_hv.GuestLimit:x}", nameof(image));
            }
        }

        _image = image;
        LoadImage(zeroFill: false); // fresh memory reads as zero already
        ulong rtba = _hv.GuestBase;
        _hv.Cpu.Start(_hv.Cpus[0], rtba + PowerOnResetOffset, rtba, 0, cycle);
    }

    /// <summary>mach_exit(code): ends the machine at the boundary; the call does not return.</summary>
    public void MachExit(VirtualCpu cpu)
    {
        ulong code = cpu.Arg(0);
        ulong sent = cpu.Now;
        _hv.Defer(cpu, boundary => _hv.FinishByExit(code, sent, cpu.Id, boundary));
    }

    /// <summary>
    /// mach_desc(buf, len) -> len (MachineDescriptionImage's contract, T1 HV hcall_mach_desc):
    /// a short buffer is the size query (EINVAL with the needed length); then EBADALIGN (16 B),
    /// ENORADDR; else the MD is copied, zero-padded to the 16-byte multiple.
    /// </summary>
    public void MachDesc(VirtualCpu cpu)
    {
        ulong buffer = cpu.Arg(0), length = cpu.Arg(1);
        MachineDescriptionImage md = _hv.MachineDescription;
        ulong needed = md.RequiredBufferLength;
        if (length < needed)
        {
            cpu.Return(HypervisorError.EINVAL, needed);
            return;
        }

        if ((buffer & (ulong)(MdFormat.MachDescAlignment - 1)) != 0)
        {
            cpu.Return(HypervisorError.EBADALIGN);
            return;
        }

        if (!_hv.InGuest(buffer, needed))
        {
            cpu.Return(HypervisorError.ENORADDR);
            return;
        }

        byte[] padded = new byte[needed];
        md.CopyTo(padded);
        _hv.Memory.Write(buffer, padded);
        cpu.Return(HypervisorError.EOK, needed);
    }

    /// <summary>
    /// mach_sir: as the T1 HV does (init.c guest_ignition), re-copies the guest image, resets
    /// every vCPU and the guest-wide state, and restarts the boot vCPU at RTBA + 0x20. Applied at
    /// the boundary; calls still waiting there never complete.
    /// </summary>
    public void MachSir(VirtualCpu cpu) => _hv.Defer(cpu, Restart);

    /// <summary>
    /// mach_set_watchdog(ms) -> remaining ms (T1 HV hcall_set_watchdog): 1 s granularity, the
    /// timeout rounded up; 0 disables; above the MD's watchdog-max-timeout EINVAL, still with the
    /// remaining time. Guest-wide, so applied at the boundary.
    /// </summary>
    public void MachSetWatchdog(VirtualCpu cpu)
    {
        ulong ms = cpu.Arg(0);
        ulong sent = cpu.Now;
        _hv.Defer(cpu, _ =>
        {
            ulong hz = _hv.Config.ClockFrequencyHz;
            ulong deadline = _hv.Guest.WatchdogDeadline;
            ulong remainingSeconds = deadline > sent ? ((deadline - sent) + hz - 1) / hz : 0;
            ulong remainingMs = remainingSeconds * 1000;
            ulong seconds = (ms / 1000) + (ms % 1000 != 0 ? 1UL : 0UL);
            if (seconds > UltraSparcT1Facts.WatchdogMaxTimeoutMs / 1000)
            {
                cpu.Return(HypervisorError.EINVAL, remainingMs);
                return;
            }

            _hv.Guest.WatchdogDeadline = seconds == 0 ? 0 : sent + (seconds * hz);
            cpu.Return(HypervisorError.EOK, remainingMs);
        });
    }

    /// <summary>api_set_version(group, major, minor) -> actual minor; changes which calls exist, so applied at the boundary.</summary>
    public void ApiSetVersion(VirtualCpu cpu)
    {
        ulong group = cpu.Arg(0), major = cpu.Arg(1), minor = cpu.Arg(2);
        _hv.Defer(cpu, _ =>
        {
            HypervisorError status = _hv.Guest.Api.SetVersion(group, major, minor, out ulong actual);
            if (status == HypervisorError.EOK)
            {
                cpu.Return(status, actual);
            }
            else
            {
                cpu.Return(status);
            }
        });
    }

    /// <summary>api_get_version(group) -> major, minor.</summary>
    public void ApiGetVersion(VirtualCpu cpu)
    {
        HypervisorError status = _hv.Guest.Api.GetVersion(cpu.Arg(0), out ulong major, out ulong minor);
        if (status == HypervisorError.EOK)
        {
            cpu.Return(status, major, minor);
        }
        else
        {
            cpu.Return(status);
        }
    }

    private void Restart(ulong boundary)
    {
        _hv.DropAllRequests();
        _hv.Guest.Reset();
        foreach (VirtualCpu cpu in _hv.Cpus)
        {
            _hv.Cpu.Reset(cpu);
        }

        LoadImage(zeroFill: true);
        ulong rtba = _hv.GuestBase;
        _hv.Cpu.Start(_hv.Cpus[0], rtba + PowerOnResetOffset, rtba, 0, boundary);
    }

    private void LoadImage(bool zeroFill)
    {
        foreach (GuestImageSegment segment in _image)
        {
            _hv.Memory.Write(segment.Address, segment.Bytes.Span);
            if (!zeroFill)
            {
                continue;
            }

            ulong zeros = segment.MemorySize - (ulong)segment.Bytes.Length;
            ulong at = segment.Address + (ulong)segment.Bytes.Length;
            byte[] zero = new byte[Math.Min(zeros, 1UL << 16)];
            while (zeros > 0)
            {
                int n = (int)Math.Min(zeros, (ulong)zero.Length);
                _hv.Memory.Write(at, zero.AsSpan(0, n));
                at += (ulong)n;
                zeros -= (ulong)n;
            }
        }
    }
}

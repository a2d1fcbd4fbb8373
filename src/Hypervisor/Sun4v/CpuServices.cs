using Niagara.Hypervisor.Configuration;
using Niagara.Strands;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// vCPU services: cpu_start, cpu_stop, cpu_yield, cpu_qconf, cpu_qinfo, cpu_myid, cpu_state,
/// cpu_set_rtba, cpu_get_rtba; and the lifecycle the machine uses (start with a fresh strand,
/// reset). Checks follow the T1 HV's order (hcall_core.s); what depends on another vCPU's state
/// is decided at the quantum boundary, where that state changes.
/// </summary>
internal sealed class CpuServices
{
    /// <summary>REAL_TRAPTABLE_SIZE: 8 entries of 32 bytes; RTBA is aligned to it.</summary>
    public const ulong RealTrapTableSize = 256;

    private const ulong InstructionSize = 4;

    private readonly Sun4vHypervisor _hv;

    public CpuServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        hv.Register(FastTrapFunction.CPU_START, ApiGroup.CORE, 1, 0, CpuStart);
        hv.Register(FastTrapFunction.CPU_STOP, ApiGroup.CORE, 1, 1, CpuStop);
        hv.Register(FastTrapFunction.CPU_YIELD, ApiGroup.CORE, 1, 0, CpuYield);
        hv.Register(FastTrapFunction.CPU_QCONF, ApiGroup.CORE, 1, 0, CpuQconf);
        hv.Register(FastTrapFunction.CPU_QINFO, ApiGroup.CORE, 1, 0, CpuQinfo);
        hv.Register(FastTrapFunction.CPU_MYID, ApiGroup.CORE, 1, 0, CpuMyid);
        hv.Register(FastTrapFunction.CPU_STATE, ApiGroup.CORE, 1, 0, CpuState);
        hv.Register(FastTrapFunction.CPU_SET_RTBA, ApiGroup.CORE, 1, 0, CpuSetRtba);
        hv.Register(FastTrapFunction.CPU_GET_RTBA, ApiGroup.CORE, 1, 0, CpuGetRtba);
    }

    /// <summary>
    /// Starts <paramref name="cpu"/> in the sun4v start state (reference section 4,
    /// Strand.ResetToSun4vStart): at <paramref name="pc"/> with %o0 = <paramref name="arg"/>,
    /// %i0/%i1 = the guest memory's base and size. The strand keeps its clock; one that halted
    /// (error state, before mach_sir) is replaced by a fresh one.
    /// </summary>
    public void Start(VirtualCpu cpu, ulong pc, ulong rtba, ulong arg, ulong cycle)
    {
        Reset(cpu);
        if (cpu.Strand.Halted is not null)
        {
            cpu.ReplaceStrand(new Strand(cpu.Id, _hv.Memory, _hv));
        }

        if (cpu.Strand.Cycle < cycle)
        {
            cpu.Strand.Cycle = cycle;
        }

        cpu.Strand.ResetToSun4vStart(pc, arg, _hv.GuestBase, _hv.Config.MemorySize, rtba);
        cpu.Rtba = rtba;
        cpu.State = VirtualCpuState.Running;
    }

    /// <summary>Stops <paramref name="cpu"/> and clears its hypervisor state (queues, mailbox, trap trace).</summary>
    public void Reset(VirtualCpu cpu)
    {
        Stop(cpu);
        cpu.ErrorMessage = null;
        cpu.Rtba = 0;
        Array.Clear(cpu.Queues);
        Array.Clear(cpu.BusyRetries);
        _hv.CrossCalls.DropQueued(cpu);
        _hv.CrossCalls.DropMailbox(cpu);
        _hv.TrapTrace.Unconfigure(cpu);
    }

    /// <summary>
    /// cpu_start(id, pc, rtba, arg). At once, in the T1 order: id range ENOCPU; pc and rtba in
    /// guest memory ENORADDR; pc 4-byte and rtba 256-byte alignment EBADALIGN; id in the guest
    /// ENOCPU. At the boundary: target not stopped EINVAL, else it starts there.
    /// </summary>
    public void CpuStart(VirtualCpu cpu)
    {
        ulong id = cpu.Arg(0), pc = cpu.Arg(1), rtba = cpu.Arg(2), arg = cpu.Arg(3);
        HypervisorError status = id >= T1Limits.MaxStrands ? HypervisorError.ENOCPU
            : !_hv.InGuest(pc, InstructionSize) || !_hv.InGuest(rtba, RealTrapTableSize) ? HypervisorError.ENORADDR
            : (pc & (InstructionSize - 1)) != 0 || (rtba & (RealTrapTableSize - 1)) != 0 ? HypervisorError.EBADALIGN
            : _hv.CpuById(id) is null ? HypervisorError.ENOCPU
            : HypervisorError.EOK;
        if (status != HypervisorError.EOK)
        {
            cpu.Return(status);
            return;
        }

        VirtualCpu target = _hv.CpuById(id)!;
        _hv.Defer(cpu, boundary =>
        {
            if (target.State != VirtualCpuState.Stopped)
            {
                cpu.Return(HypervisorError.EINVAL);
                return;
            }

            Start(target, pc, rtba, arg, boundary);
            cpu.Return(HypervisorError.EOK);
        });
    }

    /// <summary>
    /// cpu_stop(id) (CORE 1.1). At once: id range ENOCPU, the caller itself EINVAL (so the last
    /// CPU cannot stop), id not in the guest ENOCPU. At the boundary: a stopped or failed target
    /// EINVAL, else it stops there (a call it was waiting in never completes).
    /// </summary>
    public void CpuStop(VirtualCpu cpu)
    {
        ulong id = cpu.Arg(0);
        HypervisorError status = id >= T1Limits.MaxStrands ? HypervisorError.ENOCPU
            : id == (ulong)cpu.Id ? HypervisorError.EINVAL
            : _hv.CpuById(id) is null ? HypervisorError.ENOCPU
            : HypervisorError.EOK;
        if (status != HypervisorError.EOK)
        {
            cpu.Return(status);
            return;
        }

        VirtualCpu target = _hv.CpuById(id)!;
        _hv.Defer(cpu, _ =>
        {
            if (target.State != VirtualCpuState.Running)
            {
                cpu.Return(HypervisorError.EINVAL);
                return;
            }

            Stop(target);
            cpu.Return(HypervisorError.EOK);
        });
    }

    /// <summary>cpu_yield: the strand idles until an interrupt arrives (the strand wakes itself; a delivered mondo wakes it too).</summary>
    public void CpuYield(VirtualCpu cpu)
    {
        cpu.Return(HypervisorError.EOK);
        cpu.Strand.RunState = StrandRunState.Idle;
        cpu.Strand.Yield();
    }

    /// <summary>
    /// cpu_qconf(queue, base, n) (T1 HV hcall_cpu_qconf). n = 0 unconfigures; else n below 2,
    /// above 256 or not a power of two EINVAL; base not aligned to the queue size EBADALIGN;
    /// outside guest memory ENORADDR; then an unknown queue number EINVAL. Sets HEAD = TAIL = 0.
    /// </summary>
    public void CpuQconf(VirtualCpu cpu)
    {
        ulong queue = cpu.Arg(0), baseRa = cpu.Arg(1), entries = cpu.Arg(2);
        if (entries != 0)
        {
            ulong bytes = entries * QueueNumbers.EntryBytes;
            HypervisorError status = entries < QueueNumbers.MinEntries || entries > QueueNumbers.MaxEntries || (entries & (entries - 1)) != 0 ? HypervisorError.EINVAL
                : (baseRa & (bytes - 1)) != 0 ? HypervisorError.EBADALIGN
                : !_hv.InGuest(baseRa, bytes) ? HypervisorError.ENORADDR
                : HypervisorError.EOK;
            if (status != HypervisorError.EOK)
            {
                cpu.Return(status);
                return;
            }
        }
        else
        {
            baseRa = 0;
        }

        int index = QueueNumbers.IndexOf(queue);
        if (index < 0)
        {
            cpu.Return(HypervisorError.EINVAL);
            return;
        }

        cpu.Queues[index] = new QueueConfig { BaseRa = baseRa, Entries = entries };
        int head = QueueNumbers.HeadRegister(index);
        cpu.Strand.QueueRegisters[head] = 0;
        cpu.Strand.QueueRegisters[head + 1] = 0;
        if (queue == QueueNumbers.CpuMondo)
        {
            _hv.CrossCalls.DropQueued(cpu);
        }

        cpu.Return(HypervisorError.EOK);
    }

    /// <summary>cpu_qinfo(queue) -> base, n; unknown queue EINVAL.</summary>
    public void CpuQinfo(VirtualCpu cpu)
    {
        int index = QueueNumbers.IndexOf(cpu.Arg(0));
        if (index < 0)
        {
            cpu.Return(HypervisorError.EINVAL);
            return;
        }

        QueueConfig q = cpu.Queues[index];
        cpu.Return(HypervisorError.EOK, q.BaseRa, q.Entries);
    }

    public void CpuMyid(VirtualCpu cpu) => cpu.Return(HypervisorError.EOK, (ulong)cpu.Id);

    /// <summary>cpu_state(id) -> 1 stopped, 2 running, 3 error; id not in the guest ENOCPU.</summary>
    public void CpuState(VirtualCpu cpu)
    {
        if (_hv.CpuById(cpu.Arg(0)) is not { } target)
        {
            cpu.Return(HypervisorError.ENOCPU);
            return;
        }

        cpu.Return(HypervisorError.EOK, (ulong)target.State);
    }

    /// <summary>cpu_set_rtba(rtba) -> previous rtba (returned even on error, as the T1 HV does); ENORADDR, then EBADALIGN (256 B).</summary>
    public void CpuSetRtba(VirtualCpu cpu)
    {
        ulong rtba = cpu.Arg(0);
        ulong previous = cpu.Rtba;
        HypervisorError status = !_hv.InGuest(rtba, RealTrapTableSize) ? HypervisorError.ENORADDR
            : (rtba & (RealTrapTableSize - 1)) != 0 ? HypervisorError.EBADALIGN
            : HypervisorError.EOK;
        if (status == HypervisorError.EOK)
        {
            cpu.Rtba = rtba;
            cpu.Strand.Rtba = rtba; // where the strand takes guest watchdog resets
        }

        cpu.Return(status, previous);
    }

    public void CpuGetRtba(VirtualCpu cpu) => cpu.Return(HypervisorError.EOK, cpu.Rtba);

    private static void Stop(VirtualCpu cpu)
    {
        cpu.State = VirtualCpuState.Stopped;
        cpu.Strand.RunState = StrandRunState.Stopped;
        cpu.Pending = null;
        cpu.PendingCall = null;
    }
}

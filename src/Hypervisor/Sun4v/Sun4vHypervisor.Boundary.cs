using Niagara.Strands;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// The quantum boundary (docs/ARCHITECTURE.md, "Machine mode: the quantum protocol"): the one
/// single-threaded step where anything crosses strands. In order: strands that halted during
/// the quantum become vCPUs in error state; the waiting hypercalls are applied in
/// (cycle, strand id) order (mailboxes filled or EWOULDBLOCK, 0xFFFF written over delivered list
/// entries, %o0 set, strands started and stopped, guest-wide state changed, mach_exit); every
/// mailbox that can move into its target's cpu-mondo queue does; the watchdog is checked; the
/// console output of the quantum is written in (cycle, strand id) order.
/// </summary>
public sealed partial class Sun4vHypervisor
{
    private readonly List<BoundaryRequest> _requests = new();
    private int _resetEpoch;
    private (ulong Cycle, int StrandId)? _exitStamp;

    /// <summary>Resets done by mach_sir.</summary>
    public int GuestResets => _resetEpoch;

    /// <summary>The boundary step at <paramref name="cycle"/>. Single-threaded; no strand may run meanwhile.</summary>
    public void EndQuantum(ulong cycle)
    {
        if (Outcome is null)
        {
            PublishStrandErrors(cycle);
            ApplyRequests(cycle);
        }

        if (Outcome is null)
        {
            foreach (VirtualCpu cpu in _cpuList)
            {
                CrossCalls.TryDeliver(cpu, cycle);
            }

            CheckWatchdog(cycle);
            CheckSomeCpuRuns(cycle);
        }

        ConsoleCalls.Flush(_exitStamp);
    }

    /// <summary>Ends the machine (first ending wins).</summary>
    internal void Finish(MachineOutcome outcome)
    {
        Outcome ??= outcome;
    }

    /// <summary>Remembers where mach_exit happened: console output stamped later is not written.</summary>
    internal void FinishByExit(ulong code, ulong sendCycle, int strandId, ulong boundary)
    {
        if (Outcome is null)
        {
            _exitStamp = (sendCycle, strandId);
            Finish(MachineOutcome.Exit(code, boundary, strandId));
        }
    }

    /// <summary>Drops every waiting call (guest reset): they never complete.</summary>
    internal void DropAllRequests()
    {
        _resetEpoch++;
        foreach (VirtualCpu cpu in _cpuList)
        {
            cpu.Pending = null;
            cpu.PendingCall = null;
        }
    }

    private void PublishStrandErrors(ulong cycle)
    {
        foreach (VirtualCpu cpu in _cpuList)
        {
            if (cpu.State != VirtualCpuState.Running || cpu.Strand.Halted is not { } halt)
            {
                continue;
            }

            cpu.State = VirtualCpuState.Error;
            cpu.Pending = null;
            cpu.PendingCall = null;
            cpu.ErrorMessage = $"strand {cpu.Id} in error state: {halt.Message}";
            if (!Options.ContinueAfterStrandError)
            {
                Finish(MachineOutcome.Error(MachineEndReason.StrandError, cycle, cpu.Id, cpu.ErrorMessage));
            }
        }
    }

    private void ApplyRequests(ulong cycle)
    {
        _requests.Clear();
        foreach (VirtualCpu cpu in _cpuList)
        {
            if (cpu.Pending is { } request)
            {
                _requests.Add(request);
            }
        }

        _requests.Sort(static (a, b) => a.Cycle != b.Cycle ? a.Cycle.CompareTo(b.Cycle) : a.StrandId.CompareTo(b.StrandId));
        foreach (BoundaryRequest request in _requests)
        {
            VirtualCpu cpu = _cpus[request.StrandId]!;
            if (Outcome is not null || !ReferenceEquals(cpu.Pending, request))
            {
                continue; // the machine ended, or the caller was stopped or reset first
            }

            cpu.Pending = null;
            request.Apply(cycle);
            if (cpu.PendingCall is { } call)
            {
                cpu.PendingCall = null;
                Options.Events?.OnHypercall(call with { Status = cpu.Arg(0), EndCycle = cycle });
            }
            if (cpu.Strand.RunState == StrandRunState.WaitingForBoundary)
            {
                cpu.Strand.RunState = StrandRunState.Running;
            }
        }

        _requests.Clear();
    }

    private void CheckWatchdog(ulong cycle)
    {
        ulong deadline = Guest.WatchdogDeadline;
        if (deadline != 0 && cycle >= deadline)
        {
            // T1 HV: an expired guest watchdog resets the guest through the service processor;
            // there is none here, so the run ends in error.
            Finish(MachineOutcome.Error(MachineEndReason.WatchdogExpired, cycle, -1,
                $"guest watchdog expired at cycle {deadline} (mach_set_watchdog was not renewed)"));
        }
    }

    private void CheckSomeCpuRuns(ulong cycle)
    {
        VirtualCpu? failed = null;
        foreach (VirtualCpu cpu in _cpuList)
        {
            if (cpu.State == VirtualCpuState.Running)
            {
                return;
            }

            failed ??= cpu.State == VirtualCpuState.Error ? cpu : null;
        }

        Finish(failed is not null
            ? MachineOutcome.Error(MachineEndReason.StrandError, cycle, failed.Id, failed.ErrorMessage!)
            : MachineOutcome.Error(MachineEndReason.NoRunningCpu, cycle, -1, "no virtual CPU is running"));
    }
}

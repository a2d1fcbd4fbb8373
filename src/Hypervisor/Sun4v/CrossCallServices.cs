using System.Buffers.Binary;
using Niagara.Strands;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// cpu_mondo_send and mondo delivery with the T1 semantics (sun4v reference section 3; T1 HV
/// hcall_cpu_mondo_send and intr.s cpu_mondo), split over the quantum protocol:
/// <list type="number">
/// <item>At the call: the argument checks, in order list alignment (2 B) and data alignment
/// (64 B) EBADALIGN, list and data range ENORADDR. Then a look at the first list entry not yet
/// 0xFFFF: if there is none (n = 0 or all done) the call returns EOK; if that entry would abort
/// the walk (ENOCPU: not a guest CPU; EINVAL: the caller; ECPUERROR: in error state) the call
/// returns that error. Both answers are exactly what the walk would give, because nothing before
/// that entry needs a mailbox and vCPU states only change at boundaries.</item>
/// <item>Otherwise the call waits, and the whole walk runs at the boundary, in (cycle, strand id)
/// order with every other waiting call: entries in list order, 0xFFFF skipped; ENOCPU, EINVAL and
/// ECPUERROR abort at once with the entries already accepted left as 0xFFFF and the rest
/// untouched; a busy mailbox skips the entry (kept) and makes the result EWOULDBLOCK; a free one
/// takes the 64 data bytes and the entry is overwritten with 0xFFFF. So any single call shows the
/// guest the T1 outcome; only its latency is the boundary's.</item>
/// <item>A filled mailbox moves into the target's cpu-mondo queue as soon as there is room
/// ((TAIL + 64) &amp; mask != HEAD): right after it was filled (the target's HV would take the
/// cross-call interrupt at once), at every later boundary, and when the target's HEAD store makes
/// room. As in the T1 HV the full test comes first, so an unconfigured queue (mask 0) counts as
/// full and the mondo waits in the mailbox; a stopped target does not drain its mailbox (so a
/// first send to it answers EOK and later ones EWOULDBLOCK) and cpu_start resets it (the mondo is
/// dropped). Delivery wakes a target idling in cpu_yield.</item>
/// </list>
/// </summary>
internal sealed class CrossCallServices
{
    private const ulong ListEntryDone = 0xFFFF;

    private readonly Sun4vHypervisor _hv;

    public CrossCallServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        hv.Register(FastTrapFunction.CPU_MONDO_SEND, ApiGroup.CORE, 1, 0, CpuMondoSend);
    }

    private CrossCallCounters Counters => _hv.Trace.Counters;

    /// <summary>cpu_mondo_send(n, list, data).</summary>
    public void CpuMondoSend(VirtualCpu cpu)
    {
        ulong count = cpu.Arg(0), list = cpu.Arg(1), data = cpu.Arg(2);
        ulong sent = cpu.Now;
        lock (Counters)
        {
            Counters.Calls++;
        }

        HypervisorError status = (list & 1) != 0 || (data & (QueueNumbers.EntryBytes - 1)) != 0 ? HypervisorError.EBADALIGN
            : count > (ulong.MaxValue >> 1) || !_hv.InGuest(list, count * 2) || !_hv.InGuest(data, QueueNumbers.EntryBytes) ? HypervisorError.ENORADDR
            : FirstPendingEntry(cpu, list, count);
        if (status != HypervisorError.EWOULDBLOCK)
        {
            Finish(cpu, status);
            return;
        }

        _hv.Defer(cpu, boundary => Finish(cpu, Walk(cpu, list, count, data, sent, boundary)));
    }

    /// <summary>Moves <paramref name="target"/>'s mailbox into its cpu-mondo queue if the target runs and the queue has room.</summary>
    public void TryDeliver(VirtualCpu target, ulong cycle)
    {
        if (target.Mailbox is not { } mondo || target.State != VirtualCpuState.Running)
        {
            return;
        }

        Strand strand = target.Strand;
        QueueConfig queue = target.Queues[0];
        ulong head = strand.QueueRegisters[Strand.CpuMondoHead];
        ulong tail = strand.QueueRegisters[Strand.CpuMondoTail];
        ulong next = (tail + QueueNumbers.EntryBytes) & queue.Mask;
        if (next == head || !queue.Configured)
        {
            return; // full (an unconfigured queue always is): the mondo waits in the mailbox
        }

        _hv.Memory.Write(queue.BaseRa + tail, target.MailboxData);
        if (target.InQueue.Count == 0)
        {
            target.TrackedHead = tail;
        }

        strand.QueueRegisters[Strand.CpuMondoTail] = next;
        target.Mailbox = null;
        mondo.DeliverCycle = cycle;
        mondo.Status = CrossCallStatus.Delivered;
        target.InQueue.Enqueue(mondo);
        lock (Counters)
        {
            Counters.Delivered++;
        }

        if (strand.RunState == StrandRunState.Idle)
        {
            strand.RunState = StrandRunState.Running; // the cross-call interrupt ends cpu_yield
        }
    }

    /// <summary>The target takes trap 0x7c: stamps the oldest queued mondo not yet stamped.</summary>
    public void OnMondoTrap(VirtualCpu target)
    {
        ulong now = target.Now;
        target.LastMondoTrapCycle = now;
        foreach (CrossCallEvent mondo in target.InQueue)
        {
            if (mondo.TrapCycle is null)
            {
                mondo.TrapCycle = now;
                lock (Counters)
                {
                    Counters.TrapsTaken++;
                }

                return;
            }
        }
    }

    /// <summary>
    /// The target stored its cpu-mondo queue HEAD: every queued mondo HEAD moved past is handled
    /// (one never given its own trap gets the cycle of the last 0x7c trap); then the mailbox may
    /// move into the room made.
    /// </summary>
    public void OnCpuMondoHeadWritten(VirtualCpu target, ulong head)
    {
        ulong now = target.Now;
        ulong mask = target.Queues[0].Mask;
        long consumed = (long)(((head - target.TrackedHead) & mask) / QueueNumbers.EntryBytes);
        while (consumed-- > 0 && target.InQueue.TryDequeue(out CrossCallEvent? mondo))
        {
            mondo.TrapCycle ??= target.LastMondoTrapCycle;
            mondo.HandledCycle = now;
            mondo.Status = CrossCallStatus.Handled;
            lock (Counters)
            {
                Counters.Handled++;
            }
        }

        target.TrackedHead = head;
        TryDeliver(target, now);
    }

    /// <summary>Drops the mondos in <paramref name="cpu"/>'s cpu-mondo queue (queue reconfigured or vCPU reset).</summary>
    public void DropQueued(VirtualCpu cpu)
    {
        while (cpu.InQueue.TryDequeue(out CrossCallEvent? mondo))
        {
            Drop(mondo);
        }

        cpu.TrackedHead = 0;
    }

    /// <summary>Drops the mondo waiting in <paramref name="cpu"/>'s mailbox (vCPU reset).</summary>
    public void DropMailbox(VirtualCpu cpu)
    {
        if (cpu.Mailbox is { } mondo)
        {
            Drop(mondo);
            cpu.Mailbox = null;
        }
    }

    private void Drop(CrossCallEvent mondo)
    {
        mondo.Status = CrossCallStatus.Dropped;
        lock (Counters)
        {
            Counters.Dropped++;
        }
    }

    /// <summary>
    /// What the walk would answer at its first entry that is not 0xFFFF, when that answer is
    /// certain now: EOK (no such entry) or an abort; EWOULDBLOCK means "needs the boundary".
    /// </summary>
    private HypervisorError FirstPendingEntry(VirtualCpu cpu, ulong list, ulong count)
    {
        for (ulong i = 0; i < count; i++)
        {
            ulong id = _hv.Memory.ReadU16(list + (2 * i));
            if (id != ListEntryDone)
            {
                return Abort(cpu, id) ?? HypervisorError.EWOULDBLOCK;
            }
        }

        return HypervisorError.EOK;
    }

    /// <summary>The walk (T1 HV .cpu_mondo_continue), run at the boundary.</summary>
    private HypervisorError Walk(VirtualCpu cpu, ulong list, ulong count, ulong data, ulong sent, ulong boundary)
    {
        bool blocked = false;
        for (ulong i = 0; i < count; i++)
        {
            ulong entry = list + (2 * i);
            ulong id = _hv.Memory.ReadU16(entry);
            if (id == ListEntryDone)
            {
                continue;
            }

            if (Abort(cpu, id) is { } abort)
            {
                return abort;
            }

            VirtualCpu target = _hv.CpuById(id)!;
            if (target.Mailbox is not null)
            {
                blocked = true;
                cpu.BusyRetries[id]++;
                lock (Counters)
                {
                    Counters.BusyEntries++;
                }

                continue;
            }

            _hv.Memory.Read(data, target.MailboxData);
            ulong word0 = BinaryPrimitives.ReadUInt64BigEndian(target.MailboxData);
            target.Mailbox = _hv.Trace.Add(cpu.Id, target.Id, sent, boundary, cpu.BusyRetries[id], word0);
            cpu.BusyRetries[id] = 0;
            _hv.Memory.WriteU16(entry, (ushort)ListEntryDone);
            TryDeliver(target, boundary);
        }

        return blocked ? HypervisorError.EWOULDBLOCK : HypervisorError.EOK;
    }

    /// <summary>The walk's immediate aborts for target <paramref name="id"/>, in the T1 order.</summary>
    private HypervisorError? Abort(VirtualCpu cpu, ulong id)
    {
        VirtualCpu? target = _hv.CpuById(id);
        return target is null ? HypervisorError.ENOCPU
            : ReferenceEquals(target, cpu) ? HypervisorError.EINVAL
            : target.State == VirtualCpuState.Error ? HypervisorError.ECPUERROR
            : null;
    }

    private void Finish(VirtualCpu cpu, HypervisorError status)
    {
        cpu.Return(status);
        if (status == HypervisorError.EOK)
        {
            return;
        }

        lock (Counters)
        {
            if (status == HypervisorError.EWOULDBLOCK)
            {
                Counters.WouldBlock++;
            }
            else
            {
                Counters.Errors++;
            }
        }
    }
}

using Niagara.Strands.Timing;

namespace Niagara.Strands;

/// <summary>Whether a strand executes instructions in machine mode (cpu_state and cpu_yield).</summary>
public enum StrandRunState
{
    /// <summary>Executes instructions.</summary>
    Running,

    /// <summary>cpu_yield: sleeps until an interrupt is pending (its clock still advances).</summary>
    Idle,

    /// <summary>Waits for the quantum boundary (a hypercall that crosses strands is pending).</summary>
    WaitingForBoundary,

    /// <summary>Not started, or stopped by cpu_stop.</summary>
    Stopped,
}

public sealed partial class Strand
{
    /// <summary>TICK_CMPR/STICK_CMPR bit 63: INT_DIS, no interrupt on a match.</summary>
    public const ulong CompareIntDis = 1UL << 63;

    /// <summary>
    /// The strand's local clock in T1 cycles (functional timing: one per instruction) as of
    /// the last run-slice boundary. <see cref="CurrentCycle"/> is the clock mid-slice.
    /// </summary>
    public ulong Cycle;

    public StrandRunState RunState = StrandRunState.Running;

    // Retired at the last slice boundary: CurrentCycle = Cycle + instructions since then.
    private ulong _retiredAtBoundary;

    // The clock value up to which each compare register has been matched; a match fires when
    // the counter passes the compare value after this point (so writing a compare value that
    // lies in the past raises nothing, as the hardware's equality test would not).
    private ulong _tickCompareChecked;
    private ulong _stickCompareChecked;

    /// <summary>
    /// The clock now, counting the instructions of the current slice. %tick and %stick read
    /// it (one STICK per cycle). In process mode the clock never moves, so it is
    /// <see cref="Retired"/>. In timing mode the timed loop keeps <see cref="Cycle"/> itself
    /// current (the executing instruction's issue cycle).
    /// </summary>
    public ulong CurrentCycle => Timing is null ? Cycle + (Retired - _retiredAtBoundary) : Cycle;

    /// <summary>
    /// WR %tick_cmpr: sets TICK_CMPR (bit 63 INT_DIS, 62:0 the value that raises
    /// SOFTINT.TICK_INT when %tick reaches it, UA2005 5.x) and ends the slice so the next
    /// slice stops at the match.
    /// </summary>
    public void SetTickCompare(ulong value)
    {
        TickCompare = value;
        _tickCompareChecked = CurrentCycle;
        Yield();
    }

    /// <summary>WR %stick_cmpr: as <see cref="SetTickCompare"/>, raising SOFTINT.STICK_INT.</summary>
    public void SetStickCompare(ulong value)
    {
        StickCompare = value;
        _stickCompareChecked = CurrentCycle;
        Yield();
    }

    /// <summary>
    /// Machine mode: runs until the local clock reaches <paramref name="untilCycle"/>. Slices
    /// end at timer-compare matches and whenever a handler yields, and pending interrupts are
    /// taken between slices. An idle strand sleeps until a wake-up condition (a timer match
    /// on the way included); a stopped, waiting or halted strand has its clock moved to
    /// <paramref name="untilCycle"/>. Returns the instructions executed. In timing mode the
    /// clock counts cycles (Strand.RunTimed.cs), and the last instruction may carry it past
    /// <paramref name="untilCycle"/> (a miss at the quantum's end delays the next quantum).
    /// </summary>
    public ulong RunUntil(ulong untilCycle)
    {
        ulong executed = 0;
        _retiredAtBoundary = Retired;
        if (Timing is not null)
        {
            Cycle += Timing.TakeContention();
        }

        while (Cycle < untilCycle && Halted is null)
        {
            if (!ReadyToIssue(untilCycle))
            {
                if (RunState == StrandRunState.Idle)
                {
                    continue;
                }

                break;
            }

            ulong limit = Math.Min(untilCycle, NextTimerMatch());
            if (Timing is null)
            {
                ulong ran = Run(limit - Cycle);

                // A slice that retired nothing (a trap that a handler ended the slice on) still
                // costs a cycle, so the clock always moves and the loop cannot spin.
                Cycle += Math.Max(ran, 1);
                _retiredAtBoundary = Retired;
                executed += ran;
            }
            else
            {
                ulong before = Cycle;
                executed += RunTimed(limit);
                if (Cycle == before)
                {
                    IdleTo(before + 1);
                }
            }
        }

        IdleTo(untilCycle);
        return executed;
    }

    /// <summary>
    /// Reference schedule: thread select gave this strand the issue slot at <paramref name="now"/>
    /// (at or after its clock: the difference waited for the slot). Issues at most one
    /// instruction; returns the instructions executed (0 or 1).
    /// </summary>
    internal ulong IssueAt(ulong now)
    {
        StrandTiming t = Timing!;
        t.Cycles.IssueSlot += now - Cycle;
        Cycle = now;
        return RunTimed(now + 1);
    }

    /// <summary>
    /// Whether the strand can issue at its clock: takes timer matches, wake-ups and pending
    /// interrupts first. False for an idle strand (its clock moved to its next timer match or
    /// <paramref name="untilCycle"/>, whichever is first) and for a stopped, waiting or halted one.
    /// </summary>
    internal bool ReadyToIssue(ulong untilCycle)
    {
        MatchTimerCompares(Cycle);
        if (RunState == StrandRunState.Idle && WakeupPending())
        {
            RunState = StrandRunState.Running;
        }

        if (RunState == StrandRunState.Idle)
        {
            IdleTo(Math.Min(untilCycle, NextTimerMatch()));
            return false;
        }

        if (RunState != StrandRunState.Running || Halted is not null)
        {
            return false;
        }

        TakePendingInterrupt();
        return Halted is null && RunState == StrandRunState.Running;
    }

    /// <summary>
    /// Whether <see cref="RunUntil"/>(<paramref name="untilCycle"/>) can only move the clock:
    /// the strand is halted, stopped or waiting for the boundary, or idle with no wake-up pending
    /// and no timer compare due before <paramref name="untilCycle"/>. Nothing another strand does
    /// inside a quantum changes any of that (cross-calls, starts and stops land at the boundary),
    /// so between quanta this says what the whole next quantum holds for the strand. Reads only:
    /// the same tests <see cref="ReadyToIssue"/> makes, without their effects.
    /// </summary>
    public bool IsParkedUntil(ulong untilCycle) =>
        Halted is not null
        || RunState is StrandRunState.Stopped or StrandRunState.WaitingForBoundary
        || (RunState == StrandRunState.Idle && NextTimerMatch() >= untilCycle && !WakeupPending());

    /// <summary>Moves the clock forward to <paramref name="cycle"/> without issuing (counted as idle in timing mode).</summary>
    internal void IdleTo(ulong cycle)
    {
        if (Cycle >= cycle)
        {
            return;
        }

        if (Timing is not null)
        {
            Timing.Cycles.Idle += cycle - Cycle;
        }

        Cycle = cycle;
    }

    /// <summary>Sets SOFTINT.TICK_INT/STICK_INT for compare values the clock has reached by <paramref name="now"/>.</summary>
    private void MatchTimerCompares(ulong now)
    {
        if (Reached(TickCompare, _tickCompareChecked, now))
        {
            Softint |= SoftintTick;
        }

        if (Reached(StickCompare, _stickCompareChecked, now))
        {
            Softint |= SoftintStick;
        }

        _tickCompareChecked = Math.Max(_tickCompareChecked, now);
        _stickCompareChecked = Math.Max(_stickCompareChecked, now);
    }

    private static bool Reached(ulong compare, ulong checkedUpTo, ulong now) =>
        (compare & CompareIntDis) == 0 && compare > checkedUpTo && compare <= now;

    /// <summary>The earliest clock value at which an enabled compare register still matches, or ulong.MaxValue.</summary>
    private ulong NextTimerMatch()
    {
        ulong next = ulong.MaxValue;
        if ((TickCompare & CompareIntDis) == 0 && TickCompare > _tickCompareChecked)
        {
            next = TickCompare;
        }

        if ((StickCompare & CompareIntDis) == 0 && StickCompare > _stickCompareChecked)
        {
            next = Math.Min(next, StickCompare);
        }

        return next;
    }
}

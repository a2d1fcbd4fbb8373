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
    /// <summary>The strand's local clock in T1 cycles (functional timing: one per instruction).</summary>
    public ulong Cycle;

    public StrandRunState RunState = StrandRunState.Running;

    /// <summary>
    /// Machine mode: runs until the local clock reaches <paramref name="untilCycle"/>. A strand
    /// that is not running (or halts, idles or starts waiting on the way) has its clock moved
    /// to <paramref name="untilCycle"/>. Returns the instructions executed.
    /// </summary>
    public ulong RunUntil(ulong untilCycle)
    {
        ulong executed = 0;
        while (Cycle < untilCycle && Halted is null)
        {
            if (RunState == StrandRunState.Idle && InterruptPending())
            {
                RunState = StrandRunState.Running;
            }

            if (RunState != StrandRunState.Running)
            {
                break;
            }

            TakePendingInterrupt();
            if (Halted is not null)
            {
                break;
            }

            ulong ran = Run(untilCycle - Cycle);
            Cycle += ran;
            executed += ran;
            if (ran == 0 && RunState == StrandRunState.Running && Halted is null)
            {
                break; // nothing could run (e.g. a trap halted the strand): never spin
            }
        }

        if (Cycle < untilCycle)
        {
            Cycle = untilCycle;
        }

        return executed;
    }
}

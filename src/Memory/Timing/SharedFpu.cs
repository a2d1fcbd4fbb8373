namespace Niagara.Memory.Timing;

/// <summary>
/// The chip's one FPU [UA s7]: ops enter a FIFO from the crossbar, one issues per cycle; the
/// multiplier takes two passes (an FMUL holds the issue slot for 2 cycles); the divider is not
/// blocking for the other pipes but takes one divide at a time. Ops are presented in arrival
/// order within a batch (the weave sorts them); issue slots and the divider are
/// <see cref="Timeline"/>s.
/// </summary>
public sealed class SharedFpu
{
    private readonly MemoryTimingConfig _config;
    private readonly Timeline _issue;
    private readonly Timeline _divider;

    public SharedFpu(MemoryTimingConfig config)
    {
        _config = config;
        _issue = new Timeline(config.ContentionWindowCycles);
        _divider = new Timeline(config.ContentionWindowCycles);
        Timelines = [_issue, _divider];
    }

    /// <summary>Issue slots and the divider (the weave slides and grows their windows).</summary>
    public IReadOnlyList<Timeline> Timelines { get; }

    public long Ops { get; private set; }

    /// <summary>Cycles ops waited in the input FIFO or for the divider.</summary>
    public long WaitCycles { get; private set; }

    /// <summary>Executes an op that reaches the FPU at <paramref name="arrive"/>; returns when its result leaves.</summary>
    public ulong Execute(FpOperation op, ulong arrive)
    {
        Ops++;
        int latency = CoreMemoryPort.FpPipeLatency(_config, op);
        ulong issue;
        if (op is FpOperation.DivideSingle or FpOperation.DivideDouble)
        {
            // The first cycle both an issue slot and the divider (for the whole divide) are free.
            ulong t = arrive;
            while (true)
            {
                ulong d = _divider.FirstFit(t, latency);
                issue = _issue.FirstFit(d, 1);
                if (issue == d)
                {
                    break;
                }
                t = issue;
            }
            _divider.Mark(issue, latency);
            _issue.Mark(issue, 1);
        }
        else
        {
            issue = _issue.Reserve(arrive, op == FpOperation.Multiply ? 2 : 1);
        }
        WaitCycles += (long)(issue - arrive);
        return issue + (ulong)latency;
    }
}

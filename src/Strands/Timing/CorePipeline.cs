namespace Niagara.Strands.Timing;

/// <summary>
/// The deterministic reference schedule of one core: its strands share the single-issue
/// pipeline cycle by cycle. Every cycle thread select takes, among the strands that are ready
/// (running, and not waiting on a latency, an I-miss or an interlock), the one that issued least
/// recently (ties in fixed order T0 &gt; T1 &gt; T2 &gt; T3) [UA s2.3.12]; that strand issues one
/// instruction, whose class decides when it is ready again. Idle and stopped strands take no
/// slot. Everything runs on the core's host thread (the core rule), one quantum at a time.
/// </summary>
public static class CorePipeline
{
    /// <summary>
    /// Runs the core's strands (null where the core has no configured strand) until every clock
    /// reaches <paramref name="untilCycle"/>; adds each strand's executed instructions to
    /// <paramref name="executed"/> (same index).
    /// </summary>
    public static void Run(IReadOnlyList<Strand?> strands, ulong untilCycle, Span<ulong> executed)
    {
        ArgumentNullException.ThrowIfNull(strands);
        ulong c = ulong.MaxValue;
        for (int i = 0; i < strands.Count; i++)
        {
            if (strands[i] is { } s)
            {
                s.Cycle += s.Timing!.TakeContention();
                c = Math.Min(c, s.Cycle);
            }
        }

        while (c < untilCycle)
        {
            int best = -1;
            ulong next = ulong.MaxValue;
            for (int i = 0; i < strands.Count; i++)
            {
                Strand? s = strands[i];
                if (s is null || s.Cycle >= untilCycle)
                {
                    continue;
                }

                if (s.Cycle <= c)
                {
                    if (s.ReadyToIssue(untilCycle))
                    {
                        if (best < 0 || s.Timing!.LastIssue < strands[best]!.Timing!.LastIssue)
                        {
                            best = i;
                        }

                        continue;
                    }

                    if (s.RunState != StrandRunState.Idle)
                    {
                        s.IdleTo(untilCycle); // stopped, waiting for the boundary or halted
                    }
                }

                next = Math.Min(next, s.Cycle);
            }

            if (best < 0)
            {
                c = Math.Max(c + 1, next);
                continue;
            }

            Strand chosen = strands[best]!;
            ulong ran = chosen.IssueAt(c);
            executed[best] += ran;

            // Not issued after all (an I-miss or a load-use interlock found at issue): the
            // strand is deselected and another may take this cycle's slot.
            if (ran == 0 && chosen.Cycle > c && chosen.Timing!.LastIssue != c)
            {
                continue;
            }

            c++;
        }

        foreach (Strand? s in strands)
        {
            s?.IdleTo(untilCycle);
        }
    }
}

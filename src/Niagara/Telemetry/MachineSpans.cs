using System.Diagnostics;
using Niagara.Hypervisor.Sun4v;
using Niagara.Tracing;

namespace Niagara.Telemetry;

/// <summary>
/// Makes the simulated-time spans, children of the run span, after the fact: their start and
/// end come from cycle stamps through <see cref="SimulatedClock"/>, and the stamps themselves
/// are attributes (names: <see cref="TraceNames"/>'s vocabulary, `niagara.` prefix).
/// </summary>
public sealed class MachineSpans(ActivitySource source, ActivityContext run, SimulatedClock clock)
{
    public const string BootSpanName = "niagara.domain.boot";
    public const string CrossCallSpanName = "niagara.crosscall";

    /// <summary>
    /// The guest's boot: from the machine's start (cycle 0, the boot strand at RTBA + 0x20) to
    /// the boot strand's first act for the outside world (<paramref name="reason"/>: starting
    /// another strand or writing to the console), or to the end of the run if it did neither.
    /// </summary>
    public void Boot(int bootStrand, ulong endCycle, BootEnd? reason)
    {
        using Activity? span = source.StartActivity(BootSpanName, ActivityKind.Internal, run, startTime: clock.At(0));
        if (span is null)
        {
            return;
        }

        span.SetTag("niagara.strand", bootStrand);
        span.SetTag("niagara.boot.end_cycle", (long)endCycle);
        span.SetTag("niagara.boot.ended_by", reason switch
        {
            BootEnd.CpuStart => "cpu_start",
            BootEnd.ConsoleOutput => "console_output",
            _ => "run_end",
        });
        End(span, 0, endCycle);
    }

    /// <summary>
    /// One cpu_mondo_send call (<paramref name="mondos"/>: its targets, all sent at one cycle by
    /// one sender): from the send to the last target's handling (or <paramref name="runEndCycle"/>
    /// for mondos still in flight), one span event per target when it handled its mondo.
    /// </summary>
    public void CrossCall(IReadOnlyList<CrossCallEvent> mondos, ulong runEndCycle)
    {
        CrossCallEvent first = mondos[0];
        using Activity? span = source.StartActivity(CrossCallSpanName, ActivityKind.Internal, run, startTime: clock.At(first.SendCycle));
        if (span is null)
        {
            return;
        }

        var targets = new int[mondos.Count];
        ulong end = first.AcceptCycle;
        int retries = 0;
        CrossCallStatus status = CrossCallStatus.Handled;
        for (int i = 0; i < mondos.Count; i++)
        {
            CrossCallEvent m = mondos[i];
            targets[i] = m.Target;
            retries += m.Retries;
            end = Math.Max(end, m.HandledCycle ?? runEndCycle);
            if (m.Status != CrossCallStatus.Handled && status == CrossCallStatus.Handled)
            {
                status = m.Status;
            }

            if (m.HandledCycle is { } handled)
            {
                span.AddEvent(new ActivityEvent("mondo handled", clock.At(handled), new ActivityTagsCollection
                {
                    ["niagara.crosscall.target"] = m.Target,
                    ["niagara.crosscall.deliver_cycle"] = Stamp(m.DeliverCycle),
                    ["niagara.crosscall.trap_cycle"] = Stamp(m.TrapCycle),
                    ["niagara.crosscall.handled_cycle"] = (long)handled,
                    ["niagara.crosscall.latency_cycles"] = (long)(handled - m.SendCycle),
                }));
            }
        }

        span.SetTag("niagara.crosscall.sequence", first.Sequence);
        span.SetTag("niagara.crosscall.sender", first.Sender);
        span.SetTag("niagara.crosscall.targets", targets);
        span.SetTag("niagara.crosscall.status", TraceNames.Outcome(status));
        span.SetTag("niagara.crosscall.send_cycle", (long)first.SendCycle);
        span.SetTag("niagara.crosscall.accept_cycle", (long)first.AcceptCycle);
        span.SetTag("niagara.crosscall.end_cycle", (long)end);
        span.SetTag("niagara.crosscall.retries", retries);
        if (status != CrossCallStatus.Handled)
        {
            span.SetStatus(ActivityStatusCode.Error, TraceNames.Outcome(status));
        }

        End(span, first.SendCycle, end);
    }

    private static long? Stamp(ulong? cycle) => cycle is { } c ? (long)c : null;

    // Activity.Stop replaces a zero duration by "now": a span shorter than a tick gets one tick.
    private void End(Activity span, ulong startCycle, ulong endCycle)
    {
        DateTime start = clock.At(startCycle).UtcDateTime;
        DateTime end = clock.At(endCycle).UtcDateTime;
        span.SetEndTime(end > start ? end : start.AddTicks(1));
    }
}

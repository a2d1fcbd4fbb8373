using System.Globalization;
using System.Text;

namespace Niagara.Tracing;

/// <summary>
/// The end-of-run text of a traced run: counts, statuses, EWOULDBLOCK retries and a latency
/// table in cycles. Invariant culture, fixed columns, '\n' line ends, so two identical runs
/// print identical text.
/// </summary>
public static class CrossCallSummaryText
{
    private const string Header = "  count       min    median       p99       max";

    public static string Format(CrossCallSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"cross-calls: {summary.CrossCalls} accepted in {summary.AcceptingCalls} calls: {summary.Delivered} delivered, {summary.Trapped} trapped, {summary.Handled} handled, {summary.Dropped} dropped, {summary.Pending} pending at the end\n");
        if (summary.Service is { } service)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"cpu_mondo_send: {service.Calls} calls, {service.WouldBlock} answered EWOULDBLOCK ({service.BusyEntries} busy targets skipped), {service.Errors} other errors\n");
        }

        if (summary.CrossCalls == 0)
        {
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture,
            $"EWOULDBLOCK retries: {summary.Retries} over {summary.RetriedCrossCalls} cross-calls (at most {summary.MaxRetries} for one target)\n");
        text.Append("latency in cycles  ").Append(Header).Append('\n');
        Row(text, "send -> trap", summary.SendToTrap);
        Row(text, "send -> handled", summary.SendToHandled);
        if (summary.PerTarget.Count > 0)
        {
            text.Append("send -> handled by target").Append('\n');
            foreach (TargetSummary target in summary.PerTarget)
            {
                Row(text, string.Create(CultureInfo.InvariantCulture, $"strand {target.Strand}"), target.SendToHandled);
            }
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, LatencyStatistics stats)
    {
        text.Append(CultureInfo.InvariantCulture, $"  {label,-17}{stats.Count,7}");
        if (stats.Count == 0)
        {
            text.Append("         -         -         -         -\n");
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"{stats.Min,10}{stats.Median,10}{stats.P99,10}{stats.Max,10}\n");
    }
}

using System.Text.RegularExpressions;

namespace Niagara.IntegrationTests;

/// <summary>The metric names a PromQL expression reads (for checking the Grafana dashboard against the exporter).</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Words =
    [
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
        "inf", "nan",
    ];

    /// <summary>Identifiers that are neither functions, aggregations, keywords nor labels: the metric names.</summary>
    public static IEnumerable<string> MetricNames(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        string text = LabelMatchers().Replace(expression, " ");
        text = Ranges().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        foreach (Match m in Identifier().Matches(text))
        {
            bool isCall = m.Index + m.Length < text.Length && text[(m.Index + m.Length)..].TrimStart().StartsWith('(');
            if (!isCall && !Words.Contains(m.Value.ToLowerInvariant()))
            {
                yield return m.Value;
            }
        }
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.$])[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();
}

public sealed class ComposePromQlTests
{
    [Theory]
    [InlineData("max(niagara_host_simulated_mips)", "niagara_host_simulated_mips")]
    [InlineData("sum by (core) (rate(niagara_core_instructions_total[$__rate_interval]))", "niagara_core_instructions_total")]
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(niagara_crosscall_latency_bucket{job=\"niagara\"}[5m])))", "niagara_crosscall_latency_bucket")]
    [InlineData("sum(rate(a_sum[1m])) / sum without (instance) (rate(b_count[1m]))", "a_sum b_count")]
    [InlineData("up == bool 1 and on (job) other_metric offset 5m", "up other_metric")]
    public void MetricNames_FindsExactlyTheSeriesRead(string expression, string expected) =>
        Assert.Equal(expected.Split(' '), PromQl.MetricNames(expression));
}

namespace Niagara.Tracing;

/// <summary>
/// Min, median, 99th percentile and max of a set of latencies in cycles. Percentiles use the
/// nearest-rank method: the p-th percentile of n sorted values is the value at rank
/// ceil(p/100 * n) (1-based), so every statistic is a latency that really occurred (the median of
/// an even count is the lower middle value).
/// </summary>
public readonly record struct LatencyStatistics(long Count, ulong Min, ulong Median, ulong P99, ulong Max)
{
    public static LatencyStatistics Empty => default;

    /// <summary>Statistics of <paramref name="values"/>; sorts the array in place.</summary>
    public static LatencyStatistics FromUnsorted(ulong[] values, int count)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, values.Length);
        if (count == 0)
        {
            return Empty;
        }

        Span<ulong> sorted = values.AsSpan(0, count);
        sorted.Sort();
        return new LatencyStatistics(count, sorted[0], NearestRank(sorted, 50), NearestRank(sorted, 99), sorted[^1]);
    }

    /// <summary>The value at rank ceil(<paramref name="percent"/>/100 * n) of the sorted values.</summary>
    public static ulong NearestRank(ReadOnlySpan<ulong> sorted, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        long rank = (((long)percent * sorted.Length) + 99) / 100;
        return sorted[(int)rank - 1];
    }
}

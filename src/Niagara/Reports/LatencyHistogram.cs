namespace Niagara.Reports;

/// <summary>
/// Bins latencies (cycles) for the report and the histogram plot: at most <see cref="MaxBins"/>
/// bins of equal width, the width a 1-2-5 step (1, 2, 5, 10, 20, ...) so bin edges are round
/// numbers, the first bin starting at a multiple of the width at or below the smallest value.
/// </summary>
public static class LatencyHistogram
{
    public const int MaxBins = 20;

    public static IReadOnlyList<HistogramBin> Bin(IReadOnlyList<ulong> latencies)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        if (latencies.Count == 0)
        {
            return [];
        }

        ulong min = ulong.MaxValue, max = 0;
        foreach (ulong value in latencies)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        // (max - min) / width < MaxBins - 1, and the start is less than one width below min.
        ulong width = RoundWidth(((max - min) / (MaxBins - 1)) + 1);
        ulong start = min / width * width;
        int bins = (int)(((max - start) / width) + 1);
        var counts = new long[bins];
        foreach (ulong value in latencies)
        {
            counts[(value - start) / width]++;
        }

        var result = new HistogramBin[bins];
        for (int i = 0; i < bins; i++)
        {
            ulong from = start + ((ulong)i * width);
            result[i] = new HistogramBin(from, from + width, counts[i]);
        }

        return result;
    }

    /// <summary>The smallest 1-2-5 step at least <paramref name="minimum"/>.</summary>
    public static ulong RoundWidth(ulong minimum)
    {
        for (ulong decade = 1; ; decade *= 10)
        {
            foreach (ulong step in (ReadOnlySpan<ulong>)[1, 2, 5])
            {
                if (step * decade >= minimum)
                {
                    return step * decade;
                }
            }
        }
    }
}

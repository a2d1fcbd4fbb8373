using System.Numerics;

namespace Niagara.Memory.Timing;

/// <summary>
/// Orders a batch of requests by arrival cycle, ties in submission order (stable), for the
/// boundary's FIFO resources. An LSD radix sort on (cycle - earliest), one byte a pass and only
/// as many passes as the batch's span needs (two for a quantum's worth): O(n) per pass with a
/// 256-entry histogram, where a counting sort over the span would clear and sum one counter per
/// cycle (a quantum is ~30 times more cycles than requests). A batch already in order (common:
/// one core, one strand) costs one scan. Buffers are reused.
/// </summary>
public sealed class ArrivalOrder
{
    private const int DigitBits = 8;
    private const int Buckets = 1 << DigitBits;
    private readonly int[] _counts = new int[Buckets * (64 / DigitBits)];
    private int[] _scratch = new int[1024];

    /// <summary>Fills <paramref name="order"/> with the indices 0..n-1 of <paramref name="times"/>, oldest first, ties by index.</summary>
    public void Sort(ReadOnlySpan<ulong> times, Span<int> order)
    {
        int n = times.Length;
        if (order.Length < n)
        {
            throw new ArgumentException("order is shorter than times");
        }
        if (n == 0)
        {
            return;
        }
        ulong min = times[0];
        ulong max = times[0];
        bool sorted = true;
        for (int i = 1; i < n; i++)
        {
            ulong t = times[i];
            sorted &= t >= times[i - 1];
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        if (sorted)
        {
            return;
        }
        int passes = (64 - BitOperations.LeadingZeroCount(max - min) + DigitBits - 1) / DigitBits;
        Radix(times, order[..n], min, passes);
    }

    private void Radix(ReadOnlySpan<ulong> times, Span<int> order, ulong min, int passes)
    {
        int n = order.Length;
        if (_scratch.Length < n)
        {
            _scratch = new int[Math.Max(n, _scratch.Length * 2)];
        }
        Span<int> counts = _counts.AsSpan(0, passes * Buckets);
        counts.Clear();
        foreach (ulong t in times)
        {
            ulong key = t - min;
            for (int p = 0; p < passes; p++)
            {
                counts[(p * Buckets) + (int)((key >> (p * DigitBits)) & (Buckets - 1))]++;
            }
        }
        Span<int> from = order;
        Span<int> to = _scratch.AsSpan(0, n);
        for (int p = 0; p < passes; p++)
        {
            Span<int> c = counts.Slice(p * Buckets, Buckets);
            if (c[(int)(((times[0] - min) >> (p * DigitBits)) & (Buckets - 1))] == n)
            {
                continue; // every key has the same digit here: this pass would not move anything
            }
            int sum = 0;
            for (int b = 0; b < Buckets; b++)
            {
                int k = c[b];
                c[b] = sum;
                sum += k;
            }
            int shift = p * DigitBits;
            foreach (int i in from)
            {
                to[c[(int)(((times[i] - min) >> shift) & (Buckets - 1))]++] = i;
            }
            Span<int> swap = from;
            from = to;
            to = swap;
        }
        if (from != order)
        {
            from.CopyTo(order);
        }
    }
}

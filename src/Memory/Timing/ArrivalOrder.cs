namespace Niagara.Memory.Timing;

/// <summary>
/// Orders a batch of requests by arrival cycle, ties in submission order (stable), for the
/// boundary's FIFO resources. A dense batch (many requests for the cycles it spans) takes a
/// counting sort over the cycles; a sparse one a comparison sort on packed (cycle, index) keys,
/// 64-bit when the batch spans under 2^32 cycles (always, in practice). Buffers are reused.
/// </summary>
internal sealed class ArrivalOrder
{
    private int[] _counts = new int[1 << 16];
    private ulong[] _keys = new ulong[1024];
    private UInt128[] _wideKeys = [];

    /// <summary>Fills <paramref name="order"/> with the indices 0..n-1 of <paramref name="times"/>, oldest first.</summary>
    public void Sort(ReadOnlySpan<ulong> times, Span<int> order)
    {
        int n = times.Length;
        if (n == 0)
        {
            return;
        }
        ulong min = ulong.MaxValue;
        ulong max = 0;
        foreach (ulong t in times)
        {
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }
        ulong span = max - min + 1;
        if (span <= 32UL * (ulong)n)
        {
            CountingSort(times, order, min, (int)span); // O(span + n) beats O(n log n) here
        }
        else if (span <= uint.MaxValue)
        {
            KeySort(times, order, min);
        }
        else
        {
            WideKeySort(times, order);
        }
    }

    private void CountingSort(ReadOnlySpan<ulong> times, Span<int> order, ulong min, int span)
    {
        if (_counts.Length < span + 1)
        {
            _counts = new int[Math.Max(span + 1, _counts.Length * 2)];
        }
        Span<int> counts = _counts.AsSpan(0, span + 1);
        counts.Clear();
        foreach (ulong t in times)
        {
            counts[(int)(t - min) + 1]++;
        }
        for (int c = 1; c <= span; c++)
        {
            counts[c] += counts[c - 1];
        }
        for (int i = 0; i < times.Length; i++)
        {
            order[counts[(int)(times[i] - min)]++] = i;
        }
    }

    private void KeySort(ReadOnlySpan<ulong> times, Span<int> order, ulong min)
    {
        if (_keys.Length < times.Length)
        {
            _keys = new ulong[Math.Max(times.Length, _keys.Length * 2)];
        }
        Span<ulong> keys = _keys.AsSpan(0, times.Length);
        for (int i = 0; i < times.Length; i++)
        {
            keys[i] = ((times[i] - min) << 32) | (uint)i;
        }
        keys.Sort();
        for (int i = 0; i < keys.Length; i++)
        {
            order[i] = (int)(uint)keys[i];
        }
    }

    private void WideKeySort(ReadOnlySpan<ulong> times, Span<int> order)
    {
        if (_wideKeys.Length < times.Length)
        {
            _wideKeys = new UInt128[times.Length];
        }
        Span<UInt128> keys = _wideKeys.AsSpan(0, times.Length);
        for (int i = 0; i < times.Length; i++)
        {
            keys[i] = ((UInt128)times[i] << 64) | (uint)i;
        }
        keys.Sort();
        for (int i = 0; i < keys.Length; i++)
        {
            order[i] = (int)(uint)keys[i];
        }
    }
}

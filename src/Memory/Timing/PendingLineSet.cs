namespace Niagara.Memory.Timing;

/// <summary>
/// The L2 lines one core has sent requests for during the current quantum. The shared L2 is
/// only updated at the boundary, so without this a core that misses a line twice in a quantum
/// (evicted from its small L1 in between) would pay DRAM twice; with it the second access is
/// charged as the L2 hit it will be. Open addressing over a fixed table; when the table fills
/// up it stops recording (the core is then charged conservatively, as without it).
/// </summary>
internal sealed class PendingLineSet
{
    private const ulong Empty = ulong.MaxValue;
    private readonly ulong[] _table;
    private readonly int[] _used;
    private readonly int _mask;
    private readonly int _shift;
    private int _count;

    public PendingLineSet(int capacityPowerOfTwo, int lineShift)
    {
        _table = new ulong[capacityPowerOfTwo];
        _used = new int[capacityPowerOfTwo / 2];
        _mask = capacityPowerOfTwo - 1;
        _shift = lineShift;
        Array.Fill(_table, Empty);
    }

    /// <summary>Records the line; returns whether it was already there.</summary>
    public bool Add(ulong pa)
    {
        ulong line = pa >> _shift;
        int i = Hash(line);
        for (ulong t = _table[i]; t != Empty; t = _table[i])
        {
            if (t == line)
            {
                return true;
            }
            i = (i + 1) & _mask;
        }
        if (_count < _used.Length) // half full: stop recording rather than grow (no allocation in the hot path)
        {
            _table[i] = line;
            _used[_count++] = i;
        }
        return false;
    }

    public void Clear()
    {
        for (int k = 0; k < _count; k++)
        {
            _table[_used[k]] = Empty;
        }
        _count = 0;
    }

    private int Hash(ulong line) => (int)((line * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
}

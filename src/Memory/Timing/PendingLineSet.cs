namespace Niagara.Memory.Timing;

/// <summary>
/// The L2 lines one core has sent requests for during the current quantum. The shared L2 is
/// only updated at the boundary, so without this a core that misses a line twice in a quantum
/// (evicted from its small L1 in between) would pay DRAM twice; with it the second access is
/// charged as the L2 hit it will be. Open addressing; it records at most
/// <see cref="MaxLines"/> lines a quantum and then stops (the core is then charged
/// conservatively, as without it). The table starts small (a typical quantum sends a few dozen
/// requests a core, and a small table stays in the host's cache) and doubles when half full, up
/// to twice <see cref="MaxLines"/>: it grows to the busiest quantum, then stays.
/// </summary>
internal sealed class PendingLineSet
{
    private const ulong Empty = ulong.MaxValue;
    private const int InitialCapacity = 1024;
    private ulong[] _table;
    private readonly int[] _used;
    private int _mask;
    private int _hashShift;
    private readonly int _shift;
    private int _count;

    /// <param name="capacityPowerOfTwo">The largest table: it records up to half as many lines.</param>
    /// <param name="lineShift">log2 of the L2 line size.</param>
    public PendingLineSet(int capacityPowerOfTwo, int lineShift)
    {
        MaxLines = capacityPowerOfTwo / 2;
        _used = new int[MaxLines];
        _shift = lineShift;
        _table = NewTable(Math.Min(InitialCapacity, capacityPowerOfTwo));
    }

    /// <summary>Lines recorded a quantum at most.</summary>
    public int MaxLines { get; }

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
        if (_count < MaxLines) // full: stop recording rather than grow past the cap (no allocation in the hot path)
        {
            _table[i] = line;
            _used[_count++] = i;
            if (_count * 2 >= _table.Length && _count < MaxLines)
            {
                Grow(); // at most a few times a run
            }
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

    private void Grow()
    {
        ulong[] old = _table;
        _table = NewTable(old.Length * 2);
        for (int k = 0; k < _count; k++)
        {
            ulong line = old[_used[k]];
            int i = Hash(line);
            while (_table[i] != Empty)
            {
                i = (i + 1) & _mask;
            }
            _table[i] = line;
            _used[k] = i;
        }
    }

    private ulong[] NewTable(int capacity)
    {
        var table = new ulong[capacity];
        Array.Fill(table, Empty);
        _mask = capacity - 1;
        _hashShift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        return table;
    }

    private int Hash(ulong line) => (int)((line * 0x9E3779B97F4A7C15UL) >> _hashShift);
}

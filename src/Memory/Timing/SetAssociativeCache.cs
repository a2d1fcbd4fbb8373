using System.Numerics;

namespace Niagara.Memory.Timing;

/// <summary>
/// Tags of a set-associative cache with LRU replacement, a dirty bit and the cycle a line's fill
/// arrives, per way. Holds no data (the functional memory does). Used by the L1I, L1D and each
/// L2 bank. The reference gives pseudo-random L1 and pseudo-LRU L2 replacement; true LRU keeps
/// runs deterministic and differs from both only in which way of a full set goes first.
/// </summary>
public sealed class SetAssociativeCache
{
    /// <summary>Returned for "no line" (empty way, no victim).</summary>
    public const ulong NoLine = ulong.MaxValue;

    private readonly ulong[] _tags;     // line address (pa >> LineShift), NoLine when invalid
    private readonly ulong[] _lastUse;  // LRU stamps
    private readonly ulong[] _readyAt;  // cycle the fill completes; a hit before it waits
    private readonly bool[] _dirty;
    private readonly ulong _setMask;
    private readonly int _indexShift;
    private ulong _clock;

    /// <param name="sizeBytes">Capacity (power of two multiple of ways x line).</param>
    /// <param name="ways">Associativity.</param>
    /// <param name="lineBytes">Line size, a power of two.</param>
    /// <param name="skipIndexBits">Address bits above the line offset that select something else
    /// (the L2 bank: PA[7:6]) and so are not part of the set index.</param>
    public SetAssociativeCache(int sizeBytes, int ways, int lineBytes, int skipIndexBits = 0)
    {
        if (ways <= 0 || lineBytes <= 0 || !BitOperations.IsPow2(lineBytes) || sizeBytes % (ways * lineBytes) != 0
            || !BitOperations.IsPow2(sizeBytes / (ways * lineBytes)))
        {
            throw new ArgumentException($"bad cache geometry: {sizeBytes} B, {ways} ways, {lineBytes} B lines");
        }
        Ways = ways;
        Sets = sizeBytes / (ways * lineBytes);
        LineShift = BitOperations.Log2((uint)lineBytes);
        _indexShift = LineShift + skipIndexBits;
        _setMask = (ulong)(Sets - 1);
        _tags = new ulong[Sets * ways];
        _lastUse = new ulong[Sets * ways];
        _readyAt = new ulong[Sets * ways];
        _dirty = new bool[Sets * ways];
        Array.Fill(_tags, NoLine);
    }

    public int Sets { get; }

    public int Ways { get; }

    /// <summary>log2 of the line size.</summary>
    public int LineShift { get; }

    /// <summary>The set an address maps to: the bits above the line offset (and above the skipped bits).</summary>
    public int SetIndex(ulong pa) => (int)((pa >> _indexShift) & _setMask);

    /// <summary>Base address of the line holding <paramref name="pa"/>.</summary>
    public ulong LineBase(ulong pa) => pa >> LineShift << LineShift;

    /// <summary>The slot (set * Ways + way) holding the line, or -1; does not change LRU order. Read-only.</summary>
    public int Find(ulong pa)
    {
        ulong tag = pa >> LineShift;
        int slot = SetIndex(pa) * Ways;
        for (int w = 0; w < Ways; w++, slot++)
        {
            if (_tags[slot] == tag)
            {
                return slot;
            }
        }
        return -1;
    }

    /// <summary>Looks the line up and, on a hit, makes it most recently used. Returns the slot or -1.</summary>
    public int Access(ulong pa)
    {
        int slot = Find(pa);
        if (slot >= 0)
        {
            _lastUse[slot] = ++_clock;
        }
        return slot;
    }

    /// <summary>
    /// Installs the line (which must be absent) in its set's empty or least recently used way.
    /// <paramref name="victim"/> gets the evicted line's base address (or NoLine) and
    /// <paramref name="victimDirty"/> whether it was dirty. Returns the slot.
    /// </summary>
    public int Fill(ulong pa, ulong readyAt, out ulong victim, out bool victimDirty)
    {
        int first = SetIndex(pa) * Ways;
        int slot = first;
        for (int w = 0; w < Ways; w++)
        {
            int s = first + w;
            if (_tags[s] == NoLine)
            {
                slot = s;
                break;
            }
            if (_lastUse[s] < _lastUse[slot])
            {
                slot = s;
            }
        }
        victim = _tags[slot] == NoLine ? NoLine : _tags[slot] << LineShift;
        victimDirty = victim != NoLine && _dirty[slot];
        _tags[slot] = pa >> LineShift;
        _lastUse[slot] = ++_clock;
        _readyAt[slot] = readyAt;
        _dirty[slot] = false;
        return slot;
    }

    /// <summary>Drops the line if present; returns whether it was.</summary>
    public bool Invalidate(ulong pa)
    {
        int slot = Find(pa);
        if (slot < 0)
        {
            return false;
        }
        _tags[slot] = NoLine;
        _dirty[slot] = false;
        return true;
    }

    public bool Contains(ulong pa) => Find(pa) >= 0;

    public void MarkDirty(int slot) => _dirty[slot] = true;

    public bool IsDirty(int slot) => _dirty[slot];

    /// <summary>Cycle the line's fill completes (a hit earlier than this waits for it).</summary>
    public ulong ReadyAt(int slot) => _readyAt[slot];

    /// <summary>Sets when the line's fill completes (known only after the slot was chosen).</summary>
    public void SetReadyAt(int slot, ulong cycle) => _readyAt[slot] = cycle;

    /// <summary>Every line of the cache, for tests and for counting occupancy.</summary>
    public int ValidLines()
    {
        int n = 0;
        foreach (ulong t in _tags)
        {
            if (t != NoLine)
            {
                n++;
            }
        }
        return n;
    }
}

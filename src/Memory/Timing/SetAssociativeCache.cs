using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Niagara.Memory.Timing;

/// <summary>
/// Tags of a set-associative cache with LRU replacement, a dirty bit and the cycle a line's fill
/// arrives, per way. Holds no data (the functional memory does). Used by the L1I, L1D and each
/// L2 bank. The reference gives pseudo-random L1 and pseudo-LRU L2 replacement; true LRU keeps
/// runs deterministic and differs from both only in which way of a full set goes first.
/// <para>
/// Layout: a slot is (set &lt;&lt; WayBits) | way. The tags are one array by slot (a lookup reads
/// one set's few adjacent words); the rest of a set's state is one block: its LRU stamps, fill
/// cycles, dirty flags and one word per line for the owner (the L2's directory keeps its sharer
/// masks there), each 2^WayBits long. At the boundary an access touches the set's tags and its
/// block instead of one line in each of five arrays, and both can be prefetched.
/// </para>
/// </summary>
public sealed class SetAssociativeCache
{
    /// <summary>Returned for "no line" (empty way, no victim).</summary>
    public const ulong NoLine = ulong.MaxValue;

    private readonly ulong[] _tags;  // by slot: pa >> LineShift, NoLine when invalid (also the unused ways)
    private readonly ulong[] _state; // by set: [stamps][fill cycles][dirty 0/1][owner words], 2^WayBits each
    private readonly ulong _setMask;
    private readonly int _indexShift;
    private readonly int _wayBits;
    private readonly int _wayMask;
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
        _wayBits = ways == 1 ? 0 : BitOperations.Log2((uint)(ways - 1)) + 1;
        _wayMask = (1 << _wayBits) - 1;
        _tags = new ulong[Sets << _wayBits];
        _state = new ulong[(Sets << _wayBits) * 4];
        Array.Fill(_tags, NoLine);
    }

    public int Sets { get; }

    public int Ways { get; }

    /// <summary>log2 of the line size.</summary>
    public int LineShift { get; }

    /// <summary>Every slot number is below this (slots are not dense).</summary>
    public int SlotCount => _tags.Length;

    /// <summary>The set an address maps to: the bits above the line offset (and above the skipped bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SetIndex(ulong pa) => (int)((pa >> _indexShift) & _setMask);

    /// <summary>Base address of the line holding <paramref name="pa"/>.</summary>
    public ulong LineBase(ulong pa) => pa >> LineShift << LineShift;

    /// <summary>The slot holding the line, or -1; does not change LRU order. Read-only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong pa)
    {
        int first = SetIndex(pa) << _wayBits;
        ulong tag = pa >> LineShift;
        ref ulong tags = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_tags), first);
        for (int w = 0; w < Ways; w++)
        {
            if (Unsafe.Add(ref tags, w) == tag)
            {
                return first + w;
            }
        }
        return -1;
    }

    /// <summary>
    /// Hints the host to bring the set of <paramref name="pa"/> into its cache: the boundary knows
    /// its next requests' addresses, and a set lookup is otherwise a host cache miss. No effect on results.
    /// </summary>
    public unsafe void Prefetch(ulong pa)
    {
        if (Sse.IsSupported)
        {
            // A prefetch never faults, so an address the GC may move right after is harmless.
            int first = SetIndex(pa) << _wayBits;
            byte* tags = (byte*)Unsafe.AsPointer(ref _tags[first]);
            Sse.Prefetch0(tags);
            Sse.Prefetch0(tags + ((Ways - 1) * sizeof(ulong)));
            byte* state = (byte*)Unsafe.AsPointer(ref _state[first << 2]);
            for (int b = 0; b < (4 << _wayBits) * sizeof(ulong); b += 64)
            {
                Sse.Prefetch0(state + b);
            }
        }
    }

    /// <summary>Looks the line up and, on a hit, makes it most recently used. Returns the slot or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Access(ulong pa)
    {
        int slot = Find(pa);
        if (slot >= 0)
        {
            _state[State(slot, Stamp)] = ++_clock;
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
        int first = SetIndex(pa) << _wayBits;
        int way = _tags.AsSpan(first, Ways).IndexOf(NoLine); // the first empty way...
        if (way < 0)
        {
            way = 0; // ...else the first least recently used
            ReadOnlySpan<ulong> stamps = _state.AsSpan(State(first, Stamp), Ways);
            ulong oldest = stamps[0];
            for (int w = 1; w < stamps.Length; w++)
            {
                if (stamps[w] < oldest)
                {
                    oldest = stamps[w];
                    way = w;
                }
            }
        }
        int slot = first + way;
        ulong old = _tags[slot];
        victim = old == NoLine ? NoLine : old << LineShift;
        victimDirty = old != NoLine && _state[State(slot, Dirty)] != 0;
        _tags[slot] = pa >> LineShift;
        _state[State(slot, Stamp)] = ++_clock;
        _state[State(slot, FillCycle)] = readyAt;
        _state[State(slot, Dirty)] = 0;
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
        _state[State(slot, Dirty)] = 0;
        return true;
    }

    public bool Contains(ulong pa) => Find(pa) >= 0;

    public void MarkDirty(int slot) => _state[State(slot, Dirty)] = 1;

    public bool IsDirty(int slot) => _state[State(slot, Dirty)] != 0;

    /// <summary>Cycle the line's fill completes (a hit earlier than this waits for it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadyAt(int slot) => _state[State(slot, FillCycle)];

    /// <summary>Sets when the line's fill completes (known only after the slot was chosen).</summary>
    public void SetReadyAt(int slot, ulong cycle) => _state[State(slot, FillCycle)] = cycle;

    /// <summary>A word the cache's owner keeps with the line in <paramref name="slot"/> (the L2 directory's sharers); 0 initially, never touched by the cache.</summary>
    public ref ulong OwnerWord(int slot) => ref _state[State(slot, Owner)];

    private const int Stamp = 0;
    private const int FillCycle = 1;
    private const int Dirty = 2;
    private const int Owner = 3;

    /// <summary>Index of a slot's field in its set's state block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int State(int slot, int field) => ((slot & ~_wayMask) << 2) + (field << _wayBits) + (slot & _wayMask);

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

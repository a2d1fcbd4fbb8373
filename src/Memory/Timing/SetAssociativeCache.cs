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
/// Layout: each set is one block of host cache lines, aligned to 64 bytes: a header (the tags,
/// the LRU order, the dirty mask) then one record per way (fill cycle, owner word). A hit reads
/// the header and one record: three adjacent host lines for an L2 bank's 12 ways, two for an
/// L1's 4 (when a set's state was spread over five arrays, an L2 hit touched six scattered ones). The LRU order is the ways' numbers, one
/// nibble each, most recent first, so at most 16 ways. A slot is (set &lt;&lt; WayBits) | way.
/// </para>
/// </summary>
public sealed class SetAssociativeCache
{
    /// <summary>Returned for "no line" (empty way, no victim).</summary>
    public const ulong NoLine = ulong.MaxValue;

    private const int MaxWays = 16;               // nibbles in the LRU order word
    private const ulong Nibbles = 0x1111_1111_1111_1111;

    private readonly ulong[] _blocks; // pinned: the blocks stay 64-byte aligned
    private readonly int _origin;     // first word of set 0
    private readonly int _blockWords; // header + records
    private readonly int _orderWord;  // in the header, after the tags
    private readonly int _dirtyWord;
    private readonly int _recordsWord;
    private readonly ulong _setMask;
    private readonly int _indexShift;
    private readonly int _wayBits;
    private readonly int _wayMask;

    /// <param name="sizeBytes">Capacity (power of two multiple of ways x line).</param>
    /// <param name="ways">Associativity, at most 16.</param>
    /// <param name="lineBytes">Line size, a power of two.</param>
    /// <param name="skipIndexBits">Address bits above the line offset that select something else
    /// (the L2 bank: PA[7:6]) and so are not part of the set index.</param>
    public unsafe SetAssociativeCache(int sizeBytes, int ways, int lineBytes, int skipIndexBits = 0)
    {
        if (ways <= 0 || ways > MaxWays || lineBytes <= 0 || !BitOperations.IsPow2(lineBytes) || sizeBytes % (ways * lineBytes) != 0
            || !BitOperations.IsPow2(sizeBytes / (ways * lineBytes)))
        {
            throw new ArgumentException($"bad cache geometry: {sizeBytes} B, {ways} ways (at most {MaxWays}), {lineBytes} B lines");
        }
        Ways = ways;
        Sets = sizeBytes / (ways * lineBytes);
        LineShift = BitOperations.Log2((uint)lineBytes);
        _indexShift = LineShift + skipIndexBits;
        _setMask = (ulong)(Sets - 1);
        _wayBits = ways == 1 ? 0 : BitOperations.Log2((uint)(ways - 1)) + 1;
        _wayMask = (1 << _wayBits) - 1;

        _orderWord = ways;
        _dirtyWord = ways + 1;
        _recordsWord = (ways + 2 + 7) & ~7; // the records start on a host line
        _blockWords = (_recordsWord + (2 * ways) + 7) & ~7;
        _blocks = GC.AllocateArray<ulong>((Sets * _blockWords) + 7, pinned: true);
        _origin = (int)((64 - ((nuint)Unsafe.AsPointer(ref _blocks[0]) & 63)) & 63) / sizeof(ulong);

        ulong initialOrder = 0;
        for (int w = ways - 1; w >= 0; w--)
        {
            initialOrder = (initialOrder << 4) | (uint)w;
        }
        for (int set = 0; set < Sets; set++)
        {
            Span<ulong> header = _blocks.AsSpan(Block(set), _recordsWord);
            header[..ways].Fill(NoLine);
            header[_orderWord] = initialOrder;
        }
    }

    public int Sets { get; }

    public int Ways { get; }

    /// <summary>log2 of the line size.</summary>
    public int LineShift { get; }

    /// <summary>Every slot number is below this (slots are not dense).</summary>
    public int SlotCount => Sets << _wayBits;

    /// <summary>The set an address maps to: the bits above the line offset (and above the skipped bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SetIndex(ulong pa) => (int)((pa >> _indexShift) & _setMask);

    /// <summary>Base address of the line holding <paramref name="pa"/>.</summary>
    public ulong LineBase(ulong pa) => pa >> LineShift << LineShift;

    /// <summary>The slot holding the line, or -1; does not change LRU order. Read-only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ulong pa)
    {
        int set = SetIndex(pa);
        ulong tag = pa >> LineShift;
        ref ulong tags = ref Word(Block(set));
        for (int w = 0; w < Ways; w++)
        {
            if (Unsafe.Add(ref tags, w) == tag)
            {
                return (set << _wayBits) + w;
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
            byte* block = (byte*)Unsafe.AsPointer(ref Word(Block(SetIndex(pa))));
            for (int b = 0; b < _blockWords * sizeof(ulong); b += 64)
            {
                Sse.Prefetch0(block + b);
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
            Touch(BlockOf(slot), WayOf(slot));
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
        int set = SetIndex(pa);
        int block = Block(set);
        int way = _blocks.AsSpan(block, Ways).IndexOf(NoLine); // the first empty way...
        if (way < 0)
        {
            way = (int)(Word(block + _orderWord) >> (4 * (Ways - 1))) & 0xF; // ...else the least recently used
        }
        ref ulong tag = ref Word(block + way);
        ref ulong dirty = ref Word(block + _dirtyWord);
        victim = tag == NoLine ? NoLine : tag << LineShift;
        victimDirty = tag != NoLine && (dirty & (1UL << way)) != 0;
        tag = pa >> LineShift;
        dirty &= ~(1UL << way);
        Record(block, way) = readyAt;
        Touch(block, way);
        return (set << _wayBits) + way;
    }

    /// <summary>Drops the line if present; returns whether it was.</summary>
    public bool Invalidate(ulong pa)
    {
        int slot = Find(pa);
        if (slot < 0)
        {
            return false;
        }
        int block = BlockOf(slot);
        Word(block + WayOf(slot)) = NoLine;
        Word(block + _dirtyWord) &= ~(1UL << WayOf(slot));
        return true;
    }

    public bool Contains(ulong pa) => Find(pa) >= 0;

    public void MarkDirty(int slot) => Word(BlockOf(slot) + _dirtyWord) |= 1UL << WayOf(slot);

    public bool IsDirty(int slot) => (Word(BlockOf(slot) + _dirtyWord) & (1UL << WayOf(slot))) != 0;

    /// <summary>Cycle the line's fill completes (a hit earlier than this waits for it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadyAt(int slot) => Record(BlockOf(slot), WayOf(slot));

    /// <summary>Sets when the line's fill completes (known only after the slot was chosen).</summary>
    public void SetReadyAt(int slot, ulong cycle) => Record(BlockOf(slot), WayOf(slot)) = cycle;

    /// <summary>A word the cache's owner keeps with the line in <paramref name="slot"/> (the L2 directory's sharers); 0 initially, never touched by the cache.</summary>
    public ref ulong OwnerWord(int slot) => ref Unsafe.Add(ref Record(BlockOf(slot), WayOf(slot)), 1);

    /// <summary>Every line of the cache, for tests and for counting occupancy.</summary>
    public int ValidLines()
    {
        int n = 0;
        for (int set = 0; set < Sets; set++)
        {
            foreach (ulong tag in _blocks.AsSpan(Block(set), Ways))
            {
                if (tag != NoLine)
                {
                    n++;
                }
            }
        }
        return n;
    }

    /// <summary>Makes <paramref name="way"/> the most recent in its set's order: the nibbles before it move back one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Touch(int block, int way)
    {
        ref ulong order = ref Word(block + _orderWord);
        ulong x = order ^ (Nibbles * (uint)way);                // a zero nibble where the way is
        ulong zero = (x - Nibbles) & ~x & (Nibbles << 3);       // its lowest flag is exact
        int shift = BitOperations.TrailingZeroCount(zero) & ~3; // 4 x its position
        ulong younger = (1UL << shift) - 1;
        order = (order & ~(younger | (0xFUL << shift))) | ((order & younger) << 4) | (uint)way;
    }

    /// <summary>First word of the block of the set holding <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BlockOf(int slot) => Block(slot >> _wayBits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int WayOf(int slot) => slot & _wayMask;

    /// <summary>First word of a set's block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Block(int set) => _origin + (set * _blockWords);

    /// <summary>A way's record: its fill cycle, then its owner word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ulong Record(int block, int way) => ref Word(block + _recordsWord + (2 * way));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref ulong Word(int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_blocks), index);
}

namespace Niagara.Memory.Timing;

/// <summary>
/// The L2's directory of L1 tags [UA s1.3.4, s4.1.2.12]. Per L2 line it keeps the cores whose
/// L1D and, apart, whose L1I filled a line from it (supersets of the true holders: L1 evictions
/// are silent), so an invalidation probes only those caches, where the hardware directory points
/// at the L1 way directly. The two masks share the L2 line's owner word: L1D sharers in the low
/// 32 bits, L1I sharers in the high 32. Used only at the boundary (no core runs then): a store (or an atomic)
/// invalidates the line in every other core's L1D and in every L1I including the writer's
/// (self-modifying code); an L2 eviction invalidates its line in every L1 (the L2 includes the
/// L1s).
/// </summary>
public sealed class L1Directory
{
    private readonly SetAssociativeCache[] _instructionCaches;
    private readonly L1DataCache[] _dataCaches;
    private readonly L2Cache _l2; // each L2 line's owner word holds its sharer masks

    private const int CoreBits = 32;
    private const ulong DataSharers = (1UL << CoreBits) - 1;

    public L1Directory(SetAssociativeCache[] instructionCaches, L1DataCache[] dataCaches, L2Cache l2)
    {
        if (dataCaches.Length > CoreBits || dataCaches.Length != instructionCaches.Length)
        {
            throw new ArgumentException($"the directory tracks up to {CoreBits} cores, each with an L1I and an L1D");
        }
        _instructionCaches = instructionCaches;
        _dataCaches = dataCaches;
        _l2 = l2;
    }

    /// <summary>A core filled an L1D line (or, <paramref name="instruction"/>, an L1I line) from the L2 line at (bank, slot).</summary>
    public void RecordFill(int bank, int slot, int core, bool instruction) =>
        Sharers(bank, slot) |= 1UL << (instruction ? core + CoreBits : core);

    /// <summary>A store by <paramref name="writer"/> reached the L2 line at (bank, slot). Returns the L1 lines invalidated.</summary>
    public int OnStore(ulong pa, int writer, int bank, int slot)
    {
        int n = 0;
        ref ulong sharers = ref Sharers(bank, slot);
        for (ulong m = sharers & DataSharers & ~(1UL << writer); m != 0; m &= m - 1)
        {
            if (_dataCaches[System.Numerics.BitOperations.TrailingZeroCount(m)].Invalidate(pa))
            {
                n++;
            }
        }
        for (ulong m = sharers >> CoreBits; m != 0; m &= m - 1)
        {
            if (_instructionCaches[System.Numerics.BitOperations.TrailingZeroCount(m)].Invalidate(pa))
            {
                n++;
            }
        }
        sharers &= 1UL << writer; // other cores' copies of the line are gone, and every L1I copy
        return n;
    }

    /// <summary>
    /// The L2 line at (bank, slot), holding <paramref name="lineBase"/>, is being replaced:
    /// invalidates its L1 copies and forgets its sharers. Returns the L1 lines invalidated.
    /// </summary>
    public int OnL2Evict(ulong lineBase, int l2LineBytes, int bank, int slot)
    {
        int n = 0;
        ref ulong sharers = ref Sharers(bank, slot);
        for (ulong m = sharers & DataSharers; m != 0; m &= m - 1)
        {
            n += InvalidateRange(_dataCaches[System.Numerics.BitOperations.TrailingZeroCount(m)].Tags, lineBase, l2LineBytes);
        }
        for (ulong m = sharers >> CoreBits; m != 0; m &= m - 1)
        {
            n += InvalidateRange(_instructionCaches[System.Numerics.BitOperations.TrailingZeroCount(m)], lineBase, l2LineBytes);
        }
        sharers = 0;
        return n;
    }

    private ref ulong Sharers(int bank, int slot) => ref _l2.Bank(bank).OwnerWord(slot);

    private static int InvalidateRange(SetAssociativeCache cache, ulong lineBase, int bytes)
    {
        int n = 0;
        int step = 1 << cache.LineShift;
        for (int off = 0; off < bytes; off += step)
        {
            if (cache.Invalidate(lineBase + (ulong)off))
            {
                n++;
            }
        }
        return n;
    }
}

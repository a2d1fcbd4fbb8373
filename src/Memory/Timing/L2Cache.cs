using System.Numerics;

namespace Niagara.Memory.Timing;

/// <summary>
/// The shared L2 [UA s1.3.4]: banks chosen by the address bits just above the line offset
/// (PA[7:6] for 4 banks of 64 B lines), each a set-associative write-back cache that allocates
/// on every miss (loads and stores). Mutated only at the quantum boundary; cores read it during a
/// quantum through <see cref="Contains"/> (read-only, so no data race).
/// </summary>
public sealed class L2Cache
{
    private readonly SetAssociativeCache[] _banks;
    private readonly int _lineShift;
    private readonly ulong _bankMask;

    public L2Cache(int sizeBytes, int ways, int lineBytes, int banks)
    {
        if (!BitOperations.IsPow2(banks) || sizeBytes % banks != 0)
        {
            throw new ArgumentException($"bad L2 bank count {banks}");
        }
        _lineShift = BitOperations.Log2((uint)lineBytes);
        _bankMask = (ulong)(banks - 1);
        int bankBits = BitOperations.Log2((uint)banks);
        _banks = new SetAssociativeCache[banks];
        for (int b = 0; b < banks; b++)
        {
            _banks[b] = new SetAssociativeCache(sizeBytes / banks, ways, lineBytes, bankBits);
        }
    }

    public int BankCount => _banks.Length;

    /// <summary>The bank serving an address: PA[7:6] on the T1.</summary>
    public int BankOf(ulong pa) => (int)((pa >> _lineShift) & _bankMask);

    public SetAssociativeCache Bank(int bank) => _banks[bank];

    /// <summary>Sets when the fill of the line in (bank, slot) arrives (after a miss picked the slot).</summary>
    public void SetFillReady(int bank, int slot, ulong cycle) => _banks[bank].SetReadyAt(slot, cycle);

    /// <summary>Hints the host cache to fetch the tags of the line's set (see <see cref="SetAssociativeCache.Prefetch"/>).</summary>
    public void Prefetch(ulong pa) => _banks[BankOf(pa)].Prefetch(pa);

    /// <summary>Whether the line is resident (read-only: no LRU update).</summary>
    public bool Contains(ulong pa) => _banks[BankOf(pa)].Find(pa) >= 0;

    /// <summary>
    /// Applies one access at the boundary. On a hit the line becomes most recently used and
    /// <paramref name="readyAt"/> is when it is usable (a fill still in flight delays it); on a miss
    /// the line is allocated with its fill arriving at <paramref name="fillReadyAt"/>, and the
    /// evicted line (or NoLine) and its dirtiness are returned. A write marks the line dirty.
    /// <paramref name="slot"/> is where the line now lives in its bank.
    /// </summary>
    public bool Access(ulong pa, bool write, ulong fillReadyAt, out ulong readyAt, out ulong victim, out bool victimDirty, out int slot)
    {
        SetAssociativeCache bank = _banks[BankOf(pa)];
        slot = bank.Access(pa);
        bool hit = slot >= 0;
        if (hit)
        {
            readyAt = bank.ReadyAt(slot);
            victim = SetAssociativeCache.NoLine;
            victimDirty = false;
        }
        else
        {
            slot = bank.Fill(pa, fillReadyAt, out victim, out victimDirty);
            readyAt = fillReadyAt;
        }
        if (write)
        {
            bank.MarkDirty(slot);
        }
        return hit;
    }
}

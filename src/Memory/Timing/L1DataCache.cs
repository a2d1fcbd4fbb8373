namespace Niagara.Memory.Timing;

/// <summary>
/// The L1 D-cache policy [UA s1.3.1.3]: loads allocate, stores write through to the L2 and do
/// not allocate (a store hit updates the line in place, a store miss leaves the cache as it is).
/// </summary>
public sealed class L1DataCache
{
    public L1DataCache(int sizeBytes, int ways, int lineBytes)
    {
        Tags = new SetAssociativeCache(sizeBytes, ways, lineBytes);
    }

    public SetAssociativeCache Tags { get; }

    /// <summary>A load looks the line up; returns the slot on a hit, -1 on a miss (then call <see cref="Allocate"/>).</summary>
    public int Load(ulong pa) => Tags.Access(pa);

    /// <summary>Installs the line a load missed on; its data arrives at <paramref name="readyAt"/>.</summary>
    public void Allocate(ulong pa, ulong readyAt) => Tags.Fill(pa, readyAt, out _, out _);

    /// <summary>A store: updates the line if present (returns true); never allocates.</summary>
    public bool Store(ulong pa) => Tags.Access(pa) >= 0;

    /// <summary>Drops the line (directory invalidation, atomics); returns whether it was present.</summary>
    public bool Invalidate(ulong pa) => Tags.Invalidate(pa);
}

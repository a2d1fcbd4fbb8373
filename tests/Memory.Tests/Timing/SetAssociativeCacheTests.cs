using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

public class SetAssociativeCacheTests
{
    // The L1D geometry: 8 KB, 4 ways, 16 B lines -> 128 sets, set index PA[10:4].
    private static SetAssociativeCache L1D() => new(8 * 1024, 4, 16);

    [Fact]
    public void Geometry_FollowsSizeWaysAndLine()
    {
        SetAssociativeCache c = L1D();
        Assert.Equal(128, c.Sets);
        Assert.Equal(4, c.Ways);
        Assert.Equal(4, c.LineShift);
    }

    [Fact]
    public void SetIndex_TakesTheBitsAboveTheLineOffset()
    {
        SetAssociativeCache c = L1D();
        Assert.Equal(0x23, c.SetIndex(0x1230));
        Assert.Equal(0x23, c.SetIndex(0x123F));
        Assert.Equal(c.SetIndex(0x40), c.SetIndex(0x40 + 2048)); // sets x line bytes apart: same set
        Assert.NotEqual(c.SetIndex(0x40), c.SetIndex(0x50));
    }

    [Fact]
    public void SetIndex_SkipsBankSelectBits()
    {
        // One L2 bank: 768 KB, 12 ways, 64 B lines, 2 bank bits -> set index PA[17:8].
        var bank = new SetAssociativeCache(768 * 1024, 12, 64, skipIndexBits: 2);
        Assert.Equal(1024, bank.Sets);
        Assert.Equal(0, bank.SetIndex(0xC0));
        Assert.Equal(1, bank.SetIndex(0x100));
        Assert.Equal(0x3FF, bank.SetIndex(0x3FF00));
    }

    [Fact]
    public void Access_MissesUntilFilled_ThenHitsAnyByteOfTheLine()
    {
        SetAssociativeCache c = L1D();
        Assert.Equal(-1, c.Access(0x1000));
        c.Fill(0x1000, 0, out ulong victim, out _);
        Assert.Equal(SetAssociativeCache.NoLine, victim);
        Assert.True(c.Access(0x100F) >= 0);
        Assert.Equal(-1, c.Access(0x1010));
    }

    [Fact]
    public void Fill_FullSet_EvictsLeastRecentlyUsed()
    {
        SetAssociativeCache c = L1D();
        const ulong stride = 2048; // same set
        for (ulong i = 0; i < 4; i++)
        {
            c.Fill(i * stride, 0, out _, out _);
        }
        c.Access(0); // line 0 becomes most recent; line 1 is now the LRU one
        c.Fill(4 * stride, 0, out ulong victim, out _);
        Assert.Equal(stride, victim);
        Assert.True(c.Contains(0));
        Assert.False(c.Contains(stride));
        Assert.True(c.Contains(4 * stride));
    }

    [Fact]
    public void Fill_ReportsDirtyVictim()
    {
        var c = new SetAssociativeCache(128, 2, 64); // one set, two ways
        int slot = c.Fill(0x000, 0, out _, out _);
        c.MarkDirty(slot);
        c.Fill(0x040, 0, out _, out _);
        c.Fill(0x080, 0, out ulong victim, out bool dirty);
        Assert.Equal(0x000UL, victim);
        Assert.True(dirty);
        c.Fill(0x0C0, 0, out victim, out dirty);
        Assert.Equal(0x040UL, victim);
        Assert.False(dirty);
    }

    [Fact]
    public void Invalidate_DropsOnlyThatLine()
    {
        SetAssociativeCache c = L1D();
        c.Fill(0x100, 0, out _, out _);
        c.Fill(0x110, 0, out _, out _);
        Assert.True(c.Invalidate(0x104));
        Assert.False(c.Invalidate(0x104));
        Assert.False(c.Contains(0x100));
        Assert.True(c.Contains(0x110));
        Assert.Equal(1, c.ValidLines());
    }

    [Fact]
    public void ReadyAt_IsTheFillCycle()
    {
        SetAssociativeCache c = L1D();
        int slot = c.Fill(0x200, 1234, out _, out _);
        Assert.Equal(1234UL, c.ReadyAt(slot));
    }

    [Fact]
    public void Constructor_BadGeometry_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SetAssociativeCache(3000, 4, 16));
        Assert.Throws<ArgumentException>(() => new SetAssociativeCache(8192, 4, 24));
    }
}

public class SetAssociativeCacheLayoutTests
{
    [Fact]
    public void Slots_AreDistinctPerWay_AndTheOwnerWordStaysWithItsLine()
    {
        var c = new SetAssociativeCache(12 * 64 * 4, 12, 64); // 4 sets of 12 ways, as an L2 bank's shape
        var slots = new HashSet<int>();
        for (ulong line = 0; line < 48; line++)
        {
            int slot = c.Fill(line * 64, line, out _, out _);
            Assert.True(slot >= 0 && slot < c.SlotCount);
            Assert.True(slots.Add(slot));
            c.OwnerWord(slot) = line + 1000;
        }
        for (ulong line = 0; line < 48; line++)
        {
            int slot = c.Find(line * 64);
            Assert.Equal(line, c.ReadyAt(slot));
            Assert.Equal(line + 1000, c.OwnerWord(slot));
            Assert.False(c.IsDirty(slot));
        }
        int s5 = c.Find(5 * 64);
        c.MarkDirty(s5);
        Assert.True(c.IsDirty(s5));
        Assert.Equal(1005UL, c.OwnerWord(s5)); // the dirty flag and fill cycle do not overlap the owner word
        Assert.Equal(5UL, c.ReadyAt(s5));
        Assert.Equal(48, c.ValidLines());
    }

    [Fact]
    public void Fill_TakesTheFirstEmptyWay_BeforeAnyLeastRecentlyUsedOne()
    {
        var c = new SetAssociativeCache(4 * 64, 4, 64); // one set
        int[] slot = new int[4];
        for (int i = 0; i < 4; i++)
        {
            slot[i] = c.Fill((ulong)i * 64, 0, out _, out _);
        }
        Assert.True(c.Invalidate(2 * 64));
        c.Access(0);
        Assert.Equal(slot[2], c.Fill(9 * 64, 0, out ulong victim, out _)); // the hole, though line 1 is the LRU one
        Assert.Equal(SetAssociativeCache.NoLine, victim);
        c.Fill(10 * 64, 0, out victim, out _);
        Assert.Equal(64UL, victim);
    }
}

public class SetAssociativeCacheReplacementTests
{
    /// <summary>
    /// A long random trace against a plain model (per set a list, most recent first; empty ways
    /// filled lowest first): same hits, victims, dirty victims and fill cycles, for every
    /// associativity the packed LRU order supports.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(16)]
    public void RandomTrace_MatchesAListModel(int ways)
    {
        const int sets = 4;
        const int lineBytes = 64;
        var cache = new SetAssociativeCache(sets * ways * lineBytes, ways, lineBytes);
        var recency = new List<int>[sets];    // ways, most recently used first
        var lines = new ulong?[sets, ways];
        var dirty = new bool[sets, ways];
        for (int s = 0; s < sets; s++)
        {
            recency[s] = [];
        }
        var random = new Random(ways);
        for (int step = 0; step < 20_000; step++)
        {
            ulong pa = (ulong)random.Next(0, sets * (ways + 3)) * lineBytes + (ulong)random.Next(lineBytes);
            int set = cache.SetIndex(pa);
            ulong line = pa / lineBytes * lineBytes;
            int way = Enumerable.Range(0, ways).FirstOrDefault(w => lines[set, w] == line, -1);
            switch (random.Next(4))
            {
                case 0 when way >= 0:
                    Assert.True(cache.Invalidate(pa));
                    lines[set, way] = null;
                    dirty[set, way] = false;
                    break;
                case 1 when way >= 0:
                    cache.MarkDirty(cache.Find(pa));
                    dirty[set, way] = true;
                    break;
                default:
                    int slot = cache.Access(pa);
                    Assert.Equal(way >= 0, slot >= 0);
                    if (way < 0)
                    {
                        int empty = Enumerable.Range(0, ways).FirstOrDefault(w => lines[set, w] is null, -1);
                        way = empty >= 0 ? empty : recency[set][^1];
                        ulong expectedVictim = lines[set, way] ?? SetAssociativeCache.NoLine;
                        bool expectedDirty = lines[set, way] is not null && dirty[set, way];
                        slot = cache.Fill(pa, (ulong)step, out ulong victim, out bool victimDirty);
                        Assert.Equal(expectedVictim, victim);
                        Assert.Equal(expectedDirty, victimDirty);
                        lines[set, way] = line;
                        dirty[set, way] = false;
                    }
                    recency[set].Remove(way);
                    recency[set].Insert(0, way);
                    Assert.Equal(cache.Find(pa), slot);
                    break;
            }
        }
        Assert.Equal(lines.Cast<ulong?>().Count(l => l is not null), cache.ValidLines());
    }

    [Fact]
    public void Constructor_MoreWaysThanTheOrderHolds_Throws() =>
        Assert.Throws<ArgumentException>(() => new SetAssociativeCache(17 * 64, 17, 64));
}

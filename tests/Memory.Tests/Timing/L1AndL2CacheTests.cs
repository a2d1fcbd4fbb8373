using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

public class L1AndL2CacheTests
{
    [Fact]
    public void L1D_Store_IsWriteThroughWithoutWriteAllocate()
    {
        var d = new L1DataCache(8 * 1024, 4, 16);
        Assert.False(d.Store(0x500));          // miss: not allocated
        Assert.False(d.Tags.Contains(0x500));
        Assert.Equal(-1, d.Load(0x500));       // load miss
        d.Allocate(0x500, 0);                  // loads allocate
        Assert.True(d.Store(0x508));           // store hit: line stays valid
        Assert.True(d.Load(0x500) >= 0);
        Assert.False(d.Tags.IsDirty(d.Tags.Find(0x500))); // write-through: never dirty
    }

    [Theory]
    [InlineData(0x0000UL, 0)]
    [InlineData(0x0040UL, 1)]
    [InlineData(0x0080UL, 2)]
    [InlineData(0x00C0UL, 3)]
    [InlineData(0x0100UL, 0)]
    [InlineData(0x12345FFUL, 3)]
    public void L2_Bank_IsPa7To6(ulong pa, int bank)
    {
        var l2 = new L2Cache(3 * 1024 * 1024, 12, 64, 4);
        Assert.Equal(bank, l2.BankOf(pa));
    }

    [Fact]
    public void L2_Access_AllocatesOnMissAndHitsAfter()
    {
        var l2 = new L2Cache(3 * 1024 * 1024, 12, 64, 4);
        Assert.False(l2.Contains(0x1000));
        Assert.False(l2.Access(0x1000, write: false, 500, out ulong ready, out _, out _, out _));
        Assert.Equal(500UL, ready);
        Assert.True(l2.Contains(0x103F));
        Assert.True(l2.Bank(0).Contains(0x1000));
        Assert.False(l2.Bank(1).Contains(0x1000));
        Assert.True(l2.Access(0x1000, write: false, 900, out ready, out _, out _, out _));
        Assert.Equal(500UL, ready); // the fill's cycle, not the new one
    }

    [Fact]
    public void L2_WriteBack_DirtyLineReportedOnEviction_CleanLineDropped()
    {
        var l2 = new L2Cache(3 * 1024 * 1024, 12, 64, 4);
        const ulong stride = 256 * 1024; // 1024 sets x 4 banks x 64 B: same bank, same set
        l2.Access(0, write: true, 0, out _, out _, out _, out _);          // store miss allocates, dirty
        l2.Access(stride, write: false, 0, out _, out _, out _, out _);    // clean
        for (ulong i = 2; i < 12; i++)
        {
            l2.Access(i * stride, write: false, 0, out _, out _, out _, out _);
        }
        l2.Access(12 * stride, false, 0, out _, out ulong victim, out bool dirty, out _);
        Assert.Equal(0UL, victim);
        Assert.True(dirty);
        l2.Access(13 * stride, false, 0, out _, out victim, out dirty, out _);
        Assert.Equal(stride, victim);
        Assert.False(dirty);
    }
}

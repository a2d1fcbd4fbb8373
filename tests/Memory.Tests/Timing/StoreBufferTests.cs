using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

public class StoreBufferTests
{
    [Fact]
    public void EightStores_NoStall_NinthStallsUntilTheOldestIsAcknowledged()
    {
        var sb = new StoreBuffer(8);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(0, sb.Add(100, 23, out _));
        }
        Assert.Equal(8, sb.Outstanding(100));
        Assert.Equal(23, sb.Add(100, 23, out _)); // the first ack returns at 123
    }

    [Fact]
    public void Stores_DrainOneAtATime()
    {
        var sb = new StoreBuffer(8);
        sb.Add(0, 23, out ulong first);
        sb.Add(1, 23, out ulong second);
        sb.Add(2, 129, out ulong third);
        Assert.Equal(0UL, first);
        Assert.Equal(23UL, second);  // one outstanding TSO store per strand
        Assert.Equal(46UL, third);
        Assert.Equal(175UL, sb.DrainedAt);
        Assert.Equal(165, sb.DrainWait(10));
        Assert.Equal(2, sb.Outstanding(45));
        Assert.Equal(1, sb.Outstanding(46));
    }

    [Fact]
    public void Stores_SpacedOutNeverStall()
    {
        var sb = new StoreBuffer(8);
        for (ulong t = 0; t < 100 * 30; t += 30)
        {
            Assert.Equal(0, sb.Add(t, 23, out ulong send));
            Assert.Equal(t, send);
        }
    }
}

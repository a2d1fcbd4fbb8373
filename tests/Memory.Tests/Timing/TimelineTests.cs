using Niagara.Memory.Timing;

namespace Niagara.Memory.Tests.Timing;

public class TimelineTests
{
    [Fact]
    public void Reserve_FreeCycle_IsGrantedAtArrival_BusyCycleQueues()
    {
        var t = new Timeline(1024);
        Assert.Equal(10UL, t.Reserve(10, 1));
        Assert.Equal(11UL, t.Reserve(10, 1));
        Assert.Equal(12UL, t.Reserve(10, 2));
        Assert.Equal(14UL, t.Reserve(11, 1));
    }

    [Fact]
    public void Reserve_FindsAGapLongEnough_BeforeLaterReservations()
    {
        var t = new Timeline(1024);
        t.Reserve(100, 10);   // [100, 110)
        t.Reserve(115, 10);   // [115, 125)
        Assert.Equal(90UL, t.Reserve(90, 10));   // fits before 100
        Assert.Equal(125UL, t.Reserve(101, 6));  // the 5-cycle gap [110, 115) is too short
        Assert.Equal(110UL, t.Reserve(105, 5));  // ...but takes a 5-cycle run
    }

    [Fact]
    public void Reserve_RunsAcrossWordAndRingBoundaries()
    {
        var t = new Timeline(128);
        t.Advance(100);                           // window [100, 228): the ring wraps at 128
        Assert.Equal(120UL, t.Reserve(120, 70));  // [120, 190) crosses words and the wrap
        Assert.Equal(190UL, t.Reserve(150, 1));
        Assert.Equal(119UL, t.Reserve(119, 1));
    }

    [Fact]
    public void WholeWordRuns_WrapTheRing_AndAdvanceClearsThemForReuse()
    {
        var t = new Timeline(256);
        t.Advance(400);                              // window [400, 656)
        Assert.Equal(448UL, t.Reserve(448, 130));    // [448, 578): whole words across the ring's end
        Assert.Equal(578UL, t.Reserve(500, 1));
        Assert.Equal(440UL, t.Reserve(440, 8));
        Assert.Equal(579UL, t.Reserve(447, 2));
        t.Advance(600);                              // window [600, 856)
        Assert.Equal(600UL, t.Reserve(600, 1));
        Assert.Equal(601UL, t.Reserve(570, 1));
        Assert.Equal(700UL, t.Reserve(700, 100));    // the bits [448, 578) used now stand for [704, 834): cleared
    }

    [Fact]
    public void Advance_ForgetsThePast_AndClampsOlderArrivals()
    {
        var t = new Timeline(256);
        t.Reserve(10, 5);
        t.Advance(12);
        Assert.Equal(15UL, t.Reserve(3, 1));  // before the window: counts as its start (12), busy until 15
        t.Advance(400);                       // past the whole window: all forgotten
        Assert.Equal(400UL, t.Reserve(400, 1));
        Assert.Equal(0, t.Overflows);
    }

    [Fact]
    public void Reserve_BeyondTheWindow_IsServedUnreservedAndCounted()
    {
        var t = new Timeline(64);
        Assert.Equal(70UL, t.Reserve(70, 1));
        Assert.Equal(1, t.Overflows);
        t.Reserve(0, 60);
        Assert.Equal(64UL, t.Reserve(0, 10)); // no room left: after the window
    }

    [Fact]
    public void EnsureWindow_GrowsAndKeepsReservations()
    {
        var t = new Timeline(64);
        t.Reserve(5, 3);
        t.Reserve(40, 20);
        t.EnsureWindow(1000);
        Assert.Equal(1024UL, t.WindowCycles);
        Assert.Equal(8UL, t.Reserve(5, 1));
        Assert.Equal(60UL, t.Reserve(45, 1));
        Assert.Equal(900UL, t.Reserve(900, 1));
        Assert.Equal(0, t.Overflows);
    }
}

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
    public void PromiseWindow_GrowsAndKeepsReservations()
    {
        var t = new Timeline(64);
        t.Reserve(5, 3);
        t.Reserve(40, 20);
        t.PromiseWindow(1000);
        Assert.Equal(1024UL, t.WindowCycles);
        Assert.Equal(8UL, t.Reserve(5, 1));
        Assert.Equal(60UL, t.Reserve(45, 1));
        Assert.Equal(900UL, t.Reserve(900, 1));
        Assert.Equal(0, t.Overflows);
    }

    [Fact]
    public void GrowingFromAWrappedRing_SplitsTheSharedWord()
    {
        var t = new Timeline(128);
        t.Advance(100);              // window [100, 228): ring word 1 holds cycles 100..127 and 192..227
        t.Reserve(110, 5);           // [110, 115): the window's first word
        t.Reserve(200, 20);          // [200, 220): its last word, the same ring word
        t.Reserve(130, 2);           // [130, 132): ring word 0
        t.PromiseWindow(1000);       // window [100, 1124); the ring grows at the first reservation past 228
        Assert.Equal(100UL, t.Reserve(100, 1));
        Assert.Equal(115UL, t.Reserve(110, 1));
        Assert.Equal(132UL, t.Reserve(130, 1));
        Assert.Equal(220UL, t.Reserve(200, 1));
        Assert.Equal(238UL, t.Reserve(238, 1));   // 110 + 128: the old ring's alias is free
        Assert.Equal(328UL, t.Reserve(328, 1));   // 200 + 128 likewise
        Assert.Equal(1096UL, t.Reserve(1096, 20)); // 200 - 128 + 1024: where the shared word's other half would land
        Assert.Equal(0, t.Overflows);
    }
}

public class TimelineLazyGrowthTests
{
    /// <summary>
    /// A calendar whose ring grows only when a reservation reaches past it answers exactly as one
    /// built with the whole window: random reservations (also past the promised window: overflows),
    /// marks and window moves, compared call by call.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PromisedWindow_AnswersAsAWholeWindowFromTheStart(int seed)
    {
        var lazy = new Timeline(64);
        lazy.PromiseWindow(4096);
        var whole = new Timeline(4096);
        var random = new Random(seed);
        ulong now = 0;
        for (int step = 0; step < 20_000; step++)
        {
            switch (random.Next(10))
            {
                case 0:
                    now += (ulong)random.Next(0, 300);
                    lazy.Advance(now);
                    whole.Advance(now);
                    break;
                case 1:
                    ulong at = now + (ulong)random.Next(0, 5000);
                    int length = random.Next(1, 80);
                    Assert.Equal(whole.FirstFit(at, length), lazy.FirstFit(at, length));
                    break;
                case 2:
                    ulong from = now + (ulong)random.Next(0, 5000);
                    int span = random.Next(1, 80);
                    lazy.Mark(from, span);   // the FPU's divider marks where its issue port, not it, found room
                    whole.Mark(from, span);
                    break;
                default:
                    ulong arrive = now + (ulong)(random.Next(4) == 0 ? random.Next(0, 4500) : random.Next(0, 200));
                    int cycles = random.Next(3) switch { 0 => 1, 1 => 12, _ => 66 };
                    Assert.Equal(whole.Reserve(arrive, cycles), lazy.Reserve(arrive, cycles));
                    break;
            }
            Assert.Equal(whole.Overflows, lazy.Overflows);
        }
        Assert.Equal(whole.WindowCycles, lazy.WindowCycles);
    }
}

public class TimelineAdvanceTests
{
    [Fact]
    public void Advance_ClearsOnlyWhatWasMarked_AndReusedBitsStartFree()
    {
        var t = new Timeline(256);
        t.Reserve(10, 100);          // [10, 110)
        t.Advance(50);               // clears [0, 50): [50, 110) still busy
        Assert.Equal(110UL, t.Reserve(60, 1));
        t.Advance(300);              // past everything marked: [300, 556) all free
        Assert.Equal(300UL, t.Reserve(300, 200));
        Assert.Equal(500UL, t.Reserve(320, 1));
        t.Advance(10_000);           // far past the window
        for (ulong c = 10_000; c < 10_256; c += 64)
        {
            Assert.Equal(c, t.Reserve(c, 64)); // every ring position is free again
        }
    }

    [Fact]
    public void Advance_KeepsTheWindowsLastWord_WhereItSharesARingSlotWithTheFirst()
    {
        var t = new Timeline(1024);  // 16 words
        t.Advance(10);               // window [10, 1034): cycles 1024..1033 share ring word 0 with 10..63
        t.Reserve(20, 4);            // [20, 24) in word 0
        t.Reserve(1030, 2);          // [1030, 1032) in word 16, the same ring word
        t.Advance(100);              // clears [10, 100): the first word's bits only
        Assert.Equal(1032UL, t.Reserve(1030, 1));
        Assert.Equal(1028UL, t.Reserve(1028, 2));
        t.Advance(2000);             // past both: every ring word free again
        for (ulong c = 2000; c < 3024; c += 64)
        {
            Assert.Equal(c, t.Reserve(c, 64));
        }
    }

    [Fact]
    public void Reserve_TwoWordRuns_FindTheFirstFit()
    {
        var t = new Timeline(1024);
        t.Reserve(70, 1);                        // a busy cycle in the second word of [60, 126)
        Assert.Equal(71UL, t.Reserve(60, 66));   // 66 cycles (a DRAM bank) cannot start before 71
        Assert.Equal(0UL, t.Reserve(0, 60));
        Assert.Equal(137UL, t.Reserve(0, 11));   // busy: [0, 60), 70, [71, 137); the gap [60, 70) is too short
        Assert.Equal(60UL, t.Reserve(0, 10));    // ...for 11 cycles, not for 10
    }

    [Fact]
    public void Reserve_TwoWordRun_BetweenNeighbours_TakesExactlyItsCycles()
    {
        var t = new Timeline(1024);
        t.Reserve(50, 10);                       // [50, 60)
        t.Reserve(126, 2);                       // [126, 128)
        Assert.Equal(60UL, t.Reserve(55, 66));   // [60, 126): straddles words 0 and 1, touching both neighbours
        Assert.Equal(128UL, t.Reserve(59, 1));   // nothing free left in [50, 128)
        t.Reserve(200, 1);                       // a busy cycle in the first word of [190, 256)
        Assert.Equal(201UL, t.Reserve(190, 66));
    }
}

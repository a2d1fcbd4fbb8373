using System.Text;
using Niagara.Hypervisor.Sun4v;
using Niagara.Tracing;

namespace Niagara.IntegrationTests;

public sealed class TraceModelTests
{
    [Theory]
    [InlineData(1_200_000_000UL, 0UL, "0")]
    [InlineData(1_200_000_000UL, 1UL, "0.001")]
    [InlineData(1_200_000_000UL, 2UL, "0.002")]
    [InlineData(1_200_000_000UL, 1000UL, "0.833")]
    [InlineData(1_200_000_000UL, 1200UL, "1")]
    [InlineData(1_200_000_000UL, 1800UL, "1.5")]
    [InlineData(1_200_000_000UL, 1_200_000_000UL, "1000000")]
    [InlineData(2_000_000_000UL, 1UL, "0.001")]
    [InlineData(1_000_000UL, 3UL, "3")]
    [InlineData(1_400_000_000UL, 7UL, "0.005")]
    public void TraceClock_FormatsCyclesAsMicroseconds_InWholeNanoseconds(ulong hz, ulong cycle, string expected)
    {
        var clock = new TraceClock(hz);
        Span<byte> text = stackalloc byte[TraceClock.MaxFormattedLength];
        int length = TraceClock.FormatMicroseconds(clock.ToNanoseconds(cycle), text);

        Assert.Equal(expected, Encoding.ASCII.GetString(text[..length]));
    }

    [Fact]
    public void TraceClock_HugeCycle_DoesNotOverflow()
    {
        var clock = new TraceClock(1_000_000);
        Span<byte> text = stackalloc byte[TraceClock.MaxFormattedLength];
        int length = TraceClock.FormatMicroseconds(clock.ToNanoseconds(ulong.MaxValue), text);

        Assert.Equal(ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..length]));
    }

    [Fact]
    public void TraceClock_IsMonotonic_AndWithinHalfANanosecond()
    {
        // Monotonic rounding keeps nesting and order; half a nanosecond is the most any stamp moves.
        var clock = new TraceClock(1_200_000_000);
        for (ulong c = 0; c < 10_000; c++)
        {
            Assert.True(clock.ToNanoseconds(c + 1) >= clock.ToNanoseconds(c));
            Assert.True(Math.Abs((double)clock.ToNanoseconds(c) - (c / 1.2)) <= 0.5);
        }
    }

    [Fact]
    public void AddCrossCall_StampsOutOfOrder_Throws()
    {
        var trace = new MachineTrace([0, 1], 1_200_000_000);
        var late = new CrossCallRecord(1, 0, 1, 100, 200, 200, 150, 300, CrossCallStatus.Handled, 0);

        var error = Assert.Throws<ArgumentException>(() => trace.AddCrossCall(late));
        Assert.Contains("out of order", error.Message, StringComparison.Ordinal);
        Assert.Empty(trace.CrossCalls);
    }

    [Fact]
    public void AddCrossCall_TrapWithoutDelivery_Throws()
    {
        var trace = new MachineTrace([0, 1], 1_200_000_000);
        Assert.Throws<ArgumentException>(() =>
            trace.AddCrossCall(new CrossCallRecord(1, 0, 1, 100, 200, null, 250, null, CrossCallStatus.Delivered, 0)));
    }

    [Fact]
    public void AddCrossCall_HandledWithoutTrap_IsAPolledMondo()
    {
        var trace = new MachineTrace([0, 1], 1_200_000_000);
        trace.AddCrossCall(new CrossCallRecord(1, 0, 1, 100, 200, 200, null, 900, CrossCallStatus.Handled, 0));

        Assert.Equal(900UL, trace.EndCycle);
    }

    [Fact]
    public void AddCrossCall_SameIdTwice_Throws()
    {
        var trace = new MachineTrace([0, 1], 1_200_000_000);
        trace.AddCrossCall(new CrossCallRecord(7, 0, 1, 100, 200, 200, null, null, CrossCallStatus.Delivered, 0));

        Assert.Throws<ArgumentException>(() =>
            trace.AddCrossCall(new CrossCallRecord(7, 0, 1, 300, 400, 400, null, null, CrossCallStatus.Delivered, 0)));
    }

    [Fact]
    public void Add_UnknownStrand_Throws()
    {
        var trace = new MachineTrace([0, 4], 1_200_000_000);
        Assert.Throws<ArgumentException>(() => trace.AddTrap(new TrapRecord(1, 0x7c, 1, 10, 0)));
        Assert.Throws<ArgumentException>(() => trace.AddHypercall(new HypercallRecord(4, 0x80, 0, 0, 20, 10)));
    }

    [Fact]
    public void EndCycle_IsTheLatestStampOrEndAt()
    {
        MachineTrace trace = SyntheticTrace.Sample();
        Assert.Equal(10_000UL, trace.EndCycle);
        trace.EndAt(5);
        Assert.Equal(10_000UL, trace.EndCycle);
    }

    [Theory]
    [InlineData(0x07C, "cpu_mondo")]
    [InlineData(0x088, "spill_2_normal")]
    [InlineData(0x0A4, "spill_1_other")]
    [InlineData(0x0C0, "fill_0_normal")]
    [InlineData(0x0FC, "fill_7_other")]
    [InlineData(0x180, "ta 0x80")]
    [InlineData(0x16D, "ta 0x6d")]
    [InlineData(0x04E, "interrupt_level_14")]
    [InlineData(0x1FF + 1, "tt 0x200")]
    public void TraceNames_Trap_UsesUa2005Names(int tt, string expected)
    {
        Assert.Equal(expected, TraceNames.Trap((ushort)tt));
    }

    [Theory]
    [InlineData(0x80, 0x42UL, "cpu_mondo_send")]
    [InlineData(0x80, 0x7fUL, "fast_trap 0x7f")]
    [InlineData(0xff, 0x00UL, "api_set_version")]
    [InlineData(0x83, 0UL, "mmu_map_addr")]
    [InlineData(0x90, 0UL, "ta 0x90")]
    public void TraceNames_Hypercall_UsesSun4vNames(int trap, ulong function, string expected)
    {
        Assert.Equal(expected, TraceNames.Hypercall(trap, function));
    }
}

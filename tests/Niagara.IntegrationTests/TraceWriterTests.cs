using System.Text;
using System.Text.Json;
using Niagara.Hypervisor.Sun4v;
using Niagara.Tracing;

namespace Niagara.IntegrationTests;

/// <summary>Small hand-made traces whose every event is known.</summary>
internal static class SyntheticTrace
{
    public const ulong ClockHz = 1_200_000_000;

    /// <summary>
    /// 4 strands. Strand 0 sends one call to strands 1 and 2 (both handled); strand 3's mondo to
    /// strand 0, accepted after one EWOULDBLOCK, is taken but never handled; strand 2's mondo to
    /// strand 3 is polled out of the queue without a trap; strand 1's mondo to strand 2 stays in
    /// the mailbox. 25 events + 9 metadata events.
    /// </summary>
    public static MachineTrace Sample()
    {
        var trace = new MachineTrace([0, 1, 2, 3], ClockHz);
        const int fast = (int)HypervisorTrap.FAST_TRAP;
        const ulong send = (ulong)FastTrapFunction.CPU_MONDO_SEND;
        const ulong eok = (ulong)HypervisorError.EOK;
        trace.AddHypercall(new HypercallRecord(0, fast, send, eok, 1000, 4096));
        trace.AddTrap(new TrapRecord(0, 0x180, 1, 1000, 0x4000));
        trace.AddCrossCall(new CrossCallRecord(0, 0, 1, 1000, 4096, 4096, 4100, 4150, CrossCallStatus.Handled, 0));
        trace.AddCrossCall(new CrossCallRecord(1, 0, 2, 1000, 4096, 4096, 4200, 4300, CrossCallStatus.Handled, 0));
        trace.AddTrap(new TrapRecord(1, 0x07C, 1, 4100, 0x8000));
        trace.AddTrap(new TrapRecord(2, 0x07C, 1, 4200, 0x8010));
        trace.AddHypercall(new HypercallRecord(1, fast, (ulong)FastTrapFunction.CONS_WRITE, eok, 5000, 5010));

        trace.AddHypercall(new HypercallRecord(3, fast, send, (ulong)HypervisorError.EWOULDBLOCK, 2000, 4096));
        trace.AddHypercall(new HypercallRecord(3, fast, send, eok, 4500, 8192));
        trace.AddHypercall(new HypercallRecord(2, fast, send, eok, 5000, 8192));
        trace.AddHypercall(new HypercallRecord(1, fast, send, eok, 6000, 8192));
        trace.AddCrossCall(new CrossCallRecord(2, 3, 0, 4500, 8192, 8192, 8200, null, CrossCallStatus.Delivered, 1));
        trace.AddCrossCall(new CrossCallRecord(3, 2, 3, 5000, 8192, 8192, null, 9000, CrossCallStatus.Handled, 2));
        trace.AddCrossCall(new CrossCallRecord(4, 1, 2, 6000, 8192, null, null, null, CrossCallStatus.InMailbox, 0));
        trace.EndAt(10_000);
        return trace;
    }

    public static (byte[] Bytes, ChromeTraceStats Stats) Write(MachineTrace trace)
    {
        using var stream = new MemoryStream();
        ChromeTraceStats stats = ChromeTraceWriter.Write(trace, stream);
        return (stream.ToArray(), stats);
    }

    public static JsonElement[] Events(byte[] bytes)
    {
        using JsonDocument document = JsonDocument.Parse(bytes);
        return [.. document.RootElement.GetProperty("traceEvents").EnumerateArray().Select(e => e.Clone())];
    }
}

public sealed class TraceWriterTests
{
    [Fact]
    public void Write_EveryEvent_HasNameCatPhTsPidTid()
    {
        var (bytes, stats) = SyntheticTrace.Write(SyntheticTrace.Sample());
        JsonElement[] events = SyntheticTrace.Events(bytes);

        Assert.Equal(34, events.Length);
        Assert.Equal(stats.Events, events.Length);
        foreach (JsonElement e in events)
        {
            foreach (string field in new[] { "name", "cat", "ph", "ts", "pid", "tid" })
            {
                Assert.True(e.TryGetProperty(field, out _), $"event without {field}: {e}");
            }

            Assert.Equal(ChromeTraceWriter.ProcessId, e.GetProperty("pid").GetInt32());
            Assert.NotEqual(0, e.GetProperty("tid").GetInt32());
            Assert.Contains(e.GetProperty("cat").GetString(), new[] { "__metadata", "hypercall", "trap", "xcall" });
        }
    }

    [Fact]
    public void Write_OneNamedTrackPerStrand_MetadataFirst()
    {
        JsonElement[] events = SyntheticTrace.Events(SyntheticTrace.Write(SyntheticTrace.Sample()).Bytes);

        Assert.Equal("process_name", events[0].GetProperty("name").GetString());
        string[] names = [.. events.Where(e => e.GetProperty("name").GetString() == "thread_name")
            .Select(e => $"{e.GetProperty("tid").GetInt32()}={e.GetProperty("args").GetProperty("name").GetString()}")];
        Assert.Equal(["1=strand 0 (core 0)", "2=strand 1 (core 0)", "3=strand 2 (core 0)", "4=strand 3 (core 0)"], names);
        Assert.All(events.Take(9), e => Assert.Equal("M", e.GetProperty("ph").GetString()));
        Assert.DoesNotContain(events.Skip(9), e => e.GetProperty("ph").GetString() == "M");
    }

    [Fact]
    public void Write_FlowsPairById_FromSenderSendToTargetHandleSlice()
    {
        JsonElement[] events = SyntheticTrace.Events(SyntheticTrace.Write(SyntheticTrace.Sample()).Bytes);
        var starts = events.Where(e => e.GetProperty("ph").GetString() == "s").ToDictionary(e => e.GetProperty("id").GetInt32());
        var ends = events.Where(e => e.GetProperty("ph").GetString() == "f").ToDictionary(e => e.GetProperty("id").GetInt32());

        // Four mondos reached their target (three trapped, one polled); the one left in the mailbox did not.
        Assert.Equal([1, 2, 3, 4], starts.Keys.Order());
        Assert.Equal(starts.Keys.Order(), ends.Keys.Order());
        Assert.All(ends.Values, f => Assert.Equal("e", f.GetProperty("bp").GetString()));
        Assert.All(starts.Values.Concat(ends.Values), e => Assert.Equal("xcall", e.GetProperty("cat").GetString()));

        // Flow 2: strand 0 (tid 1) at the send, cycle 1000, to strand 2 (tid 3) at its trap, cycle 4200.
        Assert.Equal((1, 0.833m), (starts[2].GetProperty("tid").GetInt32(), starts[2].GetProperty("ts").GetDecimal()));
        Assert.Equal((3, 3.5m), (ends[2].GetProperty("tid").GetInt32(), ends[2].GetProperty("ts").GetDecimal()));
        JsonElement handle = events.Single(e => e.GetProperty("name").GetString() == "xcall handle" && e.GetProperty("tid").GetInt32() == 3);
        Assert.Equal(ends[2].GetProperty("ts").GetDecimal(), handle.GetProperty("ts").GetDecimal());
        Assert.True(Array.IndexOf(events, handle) < Array.IndexOf(events, ends[2]), "the handle slice must precede the flow end it binds");
    }

    [Fact]
    public void Write_Events_SortedByTimeThenStrand_LongerSliceFirst()
    {
        JsonElement[] events = SyntheticTrace.Events(SyntheticTrace.Write(SyntheticTrace.Sample()).Bytes)[9..];
        for (int i = 1; i < events.Length; i++)
        {
            decimal before = events[i - 1].GetProperty("ts").GetDecimal(), after = events[i].GetProperty("ts").GetDecimal();
            Assert.True(before < after || (before == after && events[i - 1].GetProperty("tid").GetInt32() <= events[i].GetProperty("tid").GetInt32()),
                $"event {i + 9} out of order");
        }

        // Strand 3 at cycle 4500: the send slice comes before the equally long hypercall, so it is the parent.
        string[] slices = [.. events.Where(e => e.GetProperty("tid").GetInt32() == 4 && e.GetProperty("ph").GetString() == "X")
            .Select(e => e.GetProperty("name").GetString()!)];
        Assert.Equal(["cpu_mondo_send", "xcall send", "cpu_mondo_send", "xcall handle"], slices);
    }

    [Fact]
    public void Write_TimesAreMicrosecondsAtTheClock_ExactCyclesInArgs()
    {
        var trace = new MachineTrace([5], 1_200_000_000);
        trace.AddHypercall(new HypercallRecord(5, 0x80, 0x16, 0, 1, 1201));
        trace.AddTrap(new TrapRecord(5, 0x07C, 1, 2_400_000, 0x10));
        string text = Encoding.UTF8.GetString(SyntheticTrace.Write(trace).Bytes);

        // 1 cycle = 0.83 ns -> 1 ns; 1201 cycles = 1000.83 ns -> 1001 ns; dur is the difference of the rounded ends.
        Assert.Contains("{\"name\":\"cpu_myid\",\"cat\":\"hypercall\",\"ph\":\"X\",\"ts\":0.001,\"dur\":1,\"pid\":1,\"tid\":6,"
            + "\"args\":{\"status\":\"EOK\",\"trap\":\"0x80\",\"function\":\"0x16\",\"begin_cycle\":1,\"end_cycle\":1201}}", text, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"cpu_mondo\",\"cat\":\"trap\",\"ph\":\"i\",\"ts\":2000,\"pid\":1,\"tid\":6,\"s\":\"t\","
            + "\"args\":{\"tt\":\"0x7c\",\"tl\":1,\"pc\":\"0x10\",\"cycle\":2400000}}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnhandledMondo_SliceEndsAtTheRunsEnd()
    {
        JsonElement[] events = SyntheticTrace.Events(SyntheticTrace.Write(SyntheticTrace.Sample()).Bytes);
        JsonElement open = events.Single(e => e.GetProperty("name").GetString() == "xcall handle" && e.GetProperty("tid").GetInt32() == 1);

        Assert.Equal(JsonValueKind.Null, open.GetProperty("args").GetProperty("handled_cycle").ValueKind);
        Assert.Equal(1.5m, open.GetProperty("dur").GetDecimal()); // (10000 - 8200) cycles at 1.2 GHz
        Assert.Equal(3700UL, open.GetProperty("args").GetProperty("send_to_trap_cycles").GetUInt64());
        Assert.Equal("delivered", open.GetProperty("args").GetProperty("status").GetString());
    }

    [Fact]
    public void Write_SameTraceTwice_ByteIdentical()
    {
        byte[] first = SyntheticTrace.Write(SyntheticTrace.Sample()).Bytes;
        byte[] second = SyntheticTrace.Write(SyntheticTrace.Sample()).Bytes;

        Assert.Equal(first, second);
        Assert.EndsWith("}\n", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_OneEventPerLine_TopLevelMetadata()
    {
        var (bytes, stats) = SyntheticTrace.Write(SyntheticTrace.Sample());
        string[] lines = Encoding.UTF8.GetString(bytes).Split('\n');

        Assert.Equal("{\"traceEvents\":[", lines[0]);
        Assert.Equal(stats.Events, lines.Count(l => l.StartsWith("{\"name\":", StringComparison.Ordinal)));
        Assert.Equal(stats.Bytes, bytes.Length);
        using JsonDocument document = JsonDocument.Parse(bytes);
        JsonElement metadata = document.RootElement.GetProperty("metadata");
        Assert.Equal(SyntheticTrace.ClockHz, metadata.GetProperty("clock-frequency-hz").GetUInt64());
        Assert.Equal(10_000UL, metadata.GetProperty("end-cycle").GetUInt64());
    }

    [Fact]
    public void Write_Stats_CountWhatWasWritten()
    {
        var (bytes, stats) = SyntheticTrace.Write(SyntheticTrace.Sample());
        JsonElement[] events = SyntheticTrace.Events(bytes);
        int Count(string field, string value) => events.Count(e => e.GetProperty(field).GetString() == value);

        Assert.Equal((9, 14, 3, 4, 4), (stats.Metadata, stats.Slices, stats.Instants, stats.FlowStarts, stats.FlowEnds));
        Assert.Equal((long)Count("ph", "X"), stats.Slices);
        Assert.Equal((long)Count("ph", "i"), stats.Instants);
        Assert.Equal((long)Count("cat", "hypercall"), stats.Hypercalls);
        Assert.Equal((long)Count("cat", "trap"), stats.Traps);
        Assert.Equal((long)Count("cat", "xcall"), stats.CrossCallEvents);
        Assert.Equal((long)Count("cat", "__metadata"), stats.Metadata);
    }

    [Fact]
    public void Write_ManyEvents_AllocatesNothingPerEvent()
    {
        const int n = 200_000;
        var trace = new MachineTrace([0, 1], SyntheticTrace.ClockHz);
        for (int i = 0; i < n; i++)
        {
            trace.AddHypercall(new HypercallRecord(i & 1, 0x80, 0x61, 0, (ulong)i * 10, ((ulong)i * 10) + 5));
        }

        ChromeTraceWriter.Write(trace, Stream.Null);
        long before = GC.GetAllocatedBytesForCurrentThread();
        ChromeTraceStats stats = ChromeTraceWriter.Write(trace, Stream.Null);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(n, stats.Slices);
        // The sort array (40 bytes an event) plus fixed buffers; a string per event would be 10x this.
        Assert.True(allocated < (n * 48L) + (1L << 20), $"allocated {allocated} bytes for {n} events");
        Assert.True(stats.Bytes > n * 100L);
    }
}

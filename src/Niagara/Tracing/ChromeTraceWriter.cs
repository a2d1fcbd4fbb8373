using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Niagara.Tracing;

/// <summary>
/// Writes a <see cref="MachineTrace"/> as Chrome trace-event JSON (the "JSON Object Format" that
/// the Perfetto UI and chrome://tracing open). One event per line, streamed through a small
/// buffer, so a trace of millions of events never exists as one string.
/// <list type="bullet">
/// <item>Tracks: the machine is process 1 and strand s is thread s + 1, named "strand s (core c)"
/// by thread_name metadata. Ids 0 are avoided because Perfetto treats pid/tid 0 as the kernel's
/// swapper and the npm trace-model parser skips falsy ids.</item>
/// <item>Time: "ts" and "dur" are microseconds at the configured core clock in whole
/// nanoseconds (see <see cref="TraceClock"/>), so the Perfetto UI shows real time; the exact
/// cycles are in every event's args.</item>
/// <item>Events: hypercalls and cross-call send/handle slices are "X", traps are thread-scoped
/// "i", each delivered mondo the target took gets a flow: "s" at the send on the sender's track
/// and "f" with bp "e" at the trap on the target's track. Every event, metadata included, has a
/// "cat".</item>
/// <item>Order: metadata first, then by (cycle, strand, kind, longer slice first, record), a
/// total order, so the same trace gives the same bytes.</item>
/// </list>
/// </summary>
public static class ChromeTraceWriter
{
    /// <summary>The process id of the machine.</summary>
    public const int ProcessId = 1;

    private const int FlushThreshold = 64 * 1024;

    /// <summary>The Chrome thread id of strand <paramref name="strand"/>.</summary>
    public static int ThreadId(int strand) => strand + 1;

    /// <summary>Writes the whole trace to <paramref name="output"/> (left open) and says what it wrote.</summary>
    /// <param name="metadata">Extra string pairs for the top-level "metadata" object (e.g. the image name), in the given order.</param>
    public static ChromeTraceStats Write(MachineTrace trace, Stream output, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(output);
        TraceEventRef[] events = TraceEventOrder.Collect(trace);

        using var sink = new Sink(output);
        sink.Raw("{\"traceEvents\":[\n"u8);
        var formatter = new ChromeEventFormatter(trace);
        long metadataEvents = WriteTrackNames(trace, sink);

        long slices = 0, instants = 0, flowStarts = 0, flowEnds = 0, hypercalls = 0, crossCall = 0;
        foreach (TraceEventRef e in events)
        {
            Utf8JsonWriter json = sink.BeginEvent();
            formatter.Write(json, e);
            sink.EndEvent();
            switch (e.Kind)
            {
                case TraceEventKind.Hypercall:
                    slices++;
                    hypercalls++;
                    break;
                case TraceEventKind.CrossCallSend or TraceEventKind.CrossCallHandle:
                    slices++;
                    crossCall++;
                    break;
                case TraceEventKind.FlowStart:
                    flowStarts++;
                    crossCall++;
                    break;
                case TraceEventKind.FlowEnd:
                    flowEnds++;
                    crossCall++;
                    break;
                case TraceEventKind.Trap:
                    instants++;
                    break;
            }
        }

        sink.Raw("\n],\n\"metadata\":"u8);
        WriteMetadata(trace, sink, metadata);
        sink.Raw("}\n"u8);
        long bytes = sink.Finish();

        return new ChromeTraceStats
        {
            Metadata = metadataEvents,
            Slices = slices,
            Instants = instants,
            FlowStarts = flowStarts,
            FlowEnds = flowEnds,
            Hypercalls = hypercalls,
            Traps = instants,
            CrossCallEvents = crossCall,
            Threads = trace.StrandIds.Count,
            Bytes = bytes,
        };
    }

    // process_name once, then thread_name and thread_sort_index per strand.
    private static long WriteTrackNames(MachineTrace trace, Sink sink)
    {
        int processTid = trace.StrandIds.Count > 0 ? ThreadId(trace.StrandIds[0]) : ProcessId;
        WriteMetadataEvent(sink, "process_name", processTid, "name", "niagara sun4v machine");
        long count = 1;
        foreach (int strand in trace.StrandIds)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"strand {strand} (core {strand / 4})");
            WriteMetadataEvent(sink, "thread_name", ThreadId(strand), "name", name);
            Utf8JsonWriter json = sink.BeginEvent();
            StartMetadataEvent(json, "thread_sort_index", ThreadId(strand));
            json.WriteNumber("sort_index", strand);
            json.WriteEndObject();
            json.WriteEndObject();
            sink.EndEvent();
            count += 2;
        }

        return count;
    }

    private static void WriteMetadataEvent(Sink sink, string name, int tid, string argName, string argValue)
    {
        Utf8JsonWriter json = sink.BeginEvent();
        StartMetadataEvent(json, name, tid);
        json.WriteString(argName, argValue);
        json.WriteEndObject();
        json.WriteEndObject();
        sink.EndEvent();
    }

    // Leaves the "args" object open.
    private static void StartMetadataEvent(Utf8JsonWriter json, string name, int tid)
    {
        json.WriteStartObject();
        json.WriteString(ChromeEventFormatter.Name, name);
        json.WriteString(ChromeEventFormatter.Cat, "__metadata");
        json.WriteString(ChromeEventFormatter.Ph, "M");
        json.WriteNumber(ChromeEventFormatter.Ts, 0);
        json.WriteNumber(ChromeEventFormatter.Pid, ProcessId);
        json.WriteNumber(ChromeEventFormatter.Tid, tid);
        json.WriteStartObject(ChromeEventFormatter.Args);
    }

    private static void WriteMetadata(MachineTrace trace, Sink sink, IReadOnlyList<KeyValuePair<string, string>>? extra)
    {
        Utf8JsonWriter json = sink.BeginRaw();
        json.WriteStartObject();
        json.WriteString("generator", "niagara trace");
        json.WriteNumber("clock-frequency-hz", trace.ClockFrequencyHz);
        json.WriteString("time-unit", "ts and dur are microseconds at clock-frequency-hz, rounded to whole ns (cycle * 1e9 / clock-frequency-hz); args hold exact cycles");
        json.WriteNumber("end-cycle", trace.EndCycle);
        json.WriteNumber("strands", trace.StrandIds.Count);
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                json.WriteString(key, value);
            }
        }

        json.WriteEndObject();
        sink.EndRaw();
    }

    /// <summary>Buffers JSON and hands it to the stream in blocks; one reusable writer, reset per event.</summary>
    private sealed class Sink : IDisposable
    {
        private readonly Stream _output;
        private readonly ArrayBufferWriter<byte> _buffer = new(2 * FlushThreshold);
        private readonly Utf8JsonWriter _json;
        private long _bytes;
        private bool _first = true;

        public Sink(Stream output)
        {
            _output = output;
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false });
        }

        public Utf8JsonWriter BeginEvent()
        {
            if (!_first)
            {
                _buffer.Write(",\n"u8);
            }

            _first = false;
            return BeginRaw();
        }

        public void EndEvent() => EndRaw();

        public Utf8JsonWriter BeginRaw()
        {
            _json.Reset(_buffer);
            return _json;
        }

        public void EndRaw()
        {
            _json.Flush();
            if (_buffer.WrittenCount >= FlushThreshold)
            {
                Drain();
            }
        }

        public void Raw(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

        public long Finish()
        {
            Drain();
            _output.Flush();
            return _bytes;
        }

        public void Dispose() => _json.Dispose();

        private void Drain()
        {
            _output.Write(_buffer.WrittenSpan);
            _bytes += _buffer.WrittenCount;
            _buffer.ResetWrittenCount();
        }
    }
}

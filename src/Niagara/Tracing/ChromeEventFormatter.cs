using System.Globalization;
using System.Text.Json;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Tracing;

/// <summary>
/// Writes one trace event object. Names are encoded once per distinct value (a handful of
/// hypercalls, trap types and statuses), times and hex numbers are formatted into stack
/// buffers, so writing an event allocates nothing.
/// </summary>
internal sealed class ChromeEventFormatter
{
    internal static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    internal static readonly JsonEncodedText Cat = JsonEncodedText.Encode("cat");
    internal static readonly JsonEncodedText Ph = JsonEncodedText.Encode("ph");
    internal static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    internal static readonly JsonEncodedText Pid = JsonEncodedText.Encode("pid");
    internal static readonly JsonEncodedText Tid = JsonEncodedText.Encode("tid");
    internal static readonly JsonEncodedText Args = JsonEncodedText.Encode("args");

    private static readonly JsonEncodedText Dur = JsonEncodedText.Encode("dur");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Bp = JsonEncodedText.Encode("bp");
    private static readonly JsonEncodedText Scope = JsonEncodedText.Encode("s");
    private static readonly JsonEncodedText Enclosing = JsonEncodedText.Encode("e");
    private static readonly JsonEncodedText ThreadScope = JsonEncodedText.Encode("t");
    private static readonly JsonEncodedText PhaseComplete = JsonEncodedText.Encode("X");
    private static readonly JsonEncodedText PhaseInstant = JsonEncodedText.Encode("i");
    private static readonly JsonEncodedText PhaseFlowStart = JsonEncodedText.Encode("s");
    private static readonly JsonEncodedText PhaseFlowEnd = JsonEncodedText.Encode("f");
    private static readonly JsonEncodedText CatHypercall = JsonEncodedText.Encode("hypercall");
    private static readonly JsonEncodedText CatTrap = JsonEncodedText.Encode("trap");
    private static readonly JsonEncodedText CatCrossCall = JsonEncodedText.Encode("xcall");
    private static readonly JsonEncodedText SendName = JsonEncodedText.Encode("xcall send");
    private static readonly JsonEncodedText HandleName = JsonEncodedText.Encode("xcall handle");
    private static readonly JsonEncodedText FlowName = JsonEncodedText.Encode("xcall");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText Function = JsonEncodedText.Encode("function");
    private static readonly JsonEncodedText TrapArg = JsonEncodedText.Encode("trap");
    private static readonly JsonEncodedText BeginCycle = JsonEncodedText.Encode("begin_cycle");
    private static readonly JsonEncodedText EndCycle = JsonEncodedText.Encode("end_cycle");
    private static readonly JsonEncodedText Tt = JsonEncodedText.Encode("tt");
    private static readonly JsonEncodedText Tl = JsonEncodedText.Encode("tl");
    private static readonly JsonEncodedText Pc = JsonEncodedText.Encode("pc");
    private static readonly JsonEncodedText Cycle = JsonEncodedText.Encode("cycle");
    private static readonly JsonEncodedText Targets = JsonEncodedText.Encode("targets");
    private static readonly JsonEncodedText Sender = JsonEncodedText.Encode("sender");
    private static readonly JsonEncodedText Retries = JsonEncodedText.Encode("ewouldblock_retries");
    private static readonly JsonEncodedText SendCycle = JsonEncodedText.Encode("send_cycle");
    private static readonly JsonEncodedText AcceptCycle = JsonEncodedText.Encode("accept_cycle");
    private static readonly JsonEncodedText Ids = JsonEncodedText.Encode("ids");
    private static readonly JsonEncodedText DeliverCycle = JsonEncodedText.Encode("deliver_cycle");
    private static readonly JsonEncodedText TrapCycle = JsonEncodedText.Encode("trap_cycle");
    private static readonly JsonEncodedText HandledCycle = JsonEncodedText.Encode("handled_cycle");
    private static readonly JsonEncodedText SendToTrap = JsonEncodedText.Encode("send_to_trap_cycles");
    private static readonly JsonEncodedText SendToHandled = JsonEncodedText.Encode("send_to_handled_cycles");

    private readonly MachineTrace _trace;
    private readonly TraceClock _clock;
    private readonly Dictionary<(int Trap, ulong Function), JsonEncodedText> _hypercallNames = [];
    private readonly Dictionary<ushort, JsonEncodedText> _trapNames = [];
    private readonly Dictionary<ulong, JsonEncodedText> _statusNames = [];
    private readonly JsonEncodedText[] _outcomeNames = [.. Enum.GetValues<CrossCallStatus>().Select(v => JsonEncodedText.Encode(TraceNames.Outcome(v)))];

    public ChromeEventFormatter(MachineTrace trace)
    {
        _trace = trace;
        _clock = new TraceClock(trace.ClockFrequencyHz);
    }

    public void Write(Utf8JsonWriter json, TraceEventRef e)
    {
        switch (e.Kind)
        {
            case TraceEventKind.Hypercall:
                WriteHypercall(json, e, _trace.Hypercalls[e.Record]);
                break;
            case TraceEventKind.Trap:
                WriteTrap(json, e, _trace.Traps[e.Record]);
                break;
            case TraceEventKind.CrossCallSend:
                WriteSend(json, e);
                break;
            case TraceEventKind.CrossCallHandle:
                WriteHandle(json, e);
                break;
            case TraceEventKind.FlowStart or TraceEventKind.FlowEnd:
                WriteFlow(json, e);
                break;
        }
    }

    private void WriteHypercall(Utf8JsonWriter json, TraceEventRef e, HypercallRecord h)
    {
        StartSlice(json, HypercallName(h.TrapNumber, h.Function), CatHypercall, e);
        json.WriteString(Status, StatusName(h.Status));
        WriteHex(json, TrapArg, (ulong)h.TrapNumber);
        WriteHex(json, Function, h.Function);
        json.WriteNumber(BeginCycle, h.BeginCycle);
        json.WriteNumber(EndCycle, h.EndCycle);
        EndEvent(json);
    }

    private void WriteTrap(Utf8JsonWriter json, TraceEventRef e, TrapRecord t)
    {
        StartEvent(json, TrapName(t.TrapType), CatTrap, PhaseInstant, e.Cycle, e.Strand);
        json.WriteString(Scope, ThreadScope);
        json.WriteStartObject(Args);
        WriteHex(json, Tt, t.TrapType);
        json.WriteNumber(Tl, t.TrapLevel);
        WriteHex(json, Pc, t.Pc);
        json.WriteNumber(Cycle, t.Cycle);
        EndEvent(json);
    }

    private void WriteSend(Utf8JsonWriter json, TraceEventRef e)
    {
        CrossCallRecord first = _trace.CrossCalls[e.Record];
        StartSlice(json, SendName, CatCrossCall, e);
        json.WriteStartArray(Ids);
        for (int i = 0; i < e.CallLength; i++)
        {
            json.WriteNumberValue(_trace.CrossCalls[e.Record + i].Id);
        }

        json.WriteEndArray();
        json.WriteStartArray(Targets);
        for (int i = 0; i < e.CallLength; i++)
        {
            json.WriteNumberValue(_trace.CrossCalls[e.Record + i].Target);
        }

        json.WriteEndArray();
        json.WriteNumber(SendCycle, first.SendCycle);
        json.WriteNumber(AcceptCycle, first.AcceptCycle);
        EndEvent(json);
    }

    private void WriteHandle(Utf8JsonWriter json, TraceEventRef e)
    {
        CrossCallRecord x = _trace.CrossCalls[e.Record];
        StartSlice(json, HandleName, CatCrossCall, e);
        json.WriteNumber(Id, x.Id);
        json.WriteNumber(Sender, x.Sender);
        json.WriteString(Status, OutcomeName(x.Status));
        json.WriteNumber(Retries, x.Retries);
        json.WriteNumber(SendCycle, x.SendCycle);
        json.WriteNumber(AcceptCycle, x.AcceptCycle);
        WriteCycle(json, DeliverCycle, x.DeliverCycle);
        WriteCycle(json, TrapCycle, x.TrapCycle);
        WriteCycle(json, HandledCycle, x.HandledCycle);
        WriteCycle(json, SendToTrap, x.TrapCycle - x.SendCycle);
        WriteCycle(json, SendToHandled, x.HandledCycle - x.SendCycle);
        EndEvent(json);
    }

    private void WriteFlow(Utf8JsonWriter json, TraceEventRef e)
    {
        bool end = e.Kind == TraceEventKind.FlowEnd;
        StartEvent(json, FlowName, CatCrossCall, end ? PhaseFlowEnd : PhaseFlowStart, e.Cycle, e.Strand);
        json.WriteNumber(Id, e.Flow);
        if (end)
        {
            // Bind to the enclosing slice (the handle slice that starts here), not the next one.
            json.WriteString(Bp, Enclosing);
        }

        json.WriteEndObject();
    }

    // Leaves "args" open.
    private void StartSlice(Utf8JsonWriter json, JsonEncodedText name, JsonEncodedText cat, TraceEventRef e)
    {
        StartEvent(json, name, cat, PhaseComplete, e.Cycle, e.Strand, e.EndCycle);
        json.WriteStartObject(Args);
    }

    // "dur" (slices only) follows "ts"; it is the difference of the rounded ends, so ts + dur is the end's ts.
    private void StartEvent(Utf8JsonWriter json, JsonEncodedText name, JsonEncodedText cat, JsonEncodedText phase, ulong cycle, int strand, ulong? endCycle = null)
    {
        json.WriteStartObject();
        json.WriteString(Name, name);
        json.WriteString(Cat, cat);
        json.WriteString(Ph, phase);
        UInt128 begin = _clock.ToNanoseconds(cycle);
        WriteTime(json, Ts, begin);
        if (endCycle is { } end)
        {
            WriteTime(json, Dur, _clock.ToNanoseconds(end) - begin);
        }

        json.WriteNumber(Pid, ChromeTraceWriter.ProcessId);
        json.WriteNumber(Tid, ChromeTraceWriter.ThreadId(strand));
    }

    private static void EndEvent(Utf8JsonWriter json)
    {
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, JsonEncodedText name, UInt128 nanoseconds)
    {
        Span<byte> text = stackalloc byte[TraceClock.MaxFormattedLength];
        int length = TraceClock.FormatMicroseconds(nanoseconds, text);
        json.WritePropertyName(name);
        json.WriteRawValue(text[..length], skipInputValidation: true);
    }

    private static void WriteCycle(Utf8JsonWriter json, JsonEncodedText name, ulong? cycle)
    {
        if (cycle is { } value)
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteHex(Utf8JsonWriter json, JsonEncodedText name, ulong value)
    {
        Span<byte> text = stackalloc byte[18];
        text[0] = (byte)'0';
        text[1] = (byte)'x';
        value.TryFormat(text[2..], out int digits, "x", CultureInfo.InvariantCulture);
        json.WriteString(name, text[..(digits + 2)]);
    }

    private JsonEncodedText HypercallName(int trap, ulong function)
    {
        if (!_hypercallNames.TryGetValue((trap, function), out JsonEncodedText name))
        {
            name = JsonEncodedText.Encode(TraceNames.Hypercall(trap, function));
            _hypercallNames.Add((trap, function), name);
        }

        return name;
    }

    private JsonEncodedText TrapName(ushort tt)
    {
        if (!_trapNames.TryGetValue(tt, out JsonEncodedText name))
        {
            name = JsonEncodedText.Encode(TraceNames.Trap(tt));
            _trapNames.Add(tt, name);
        }

        return name;
    }

    private JsonEncodedText OutcomeName(CrossCallStatus status) =>
        (uint)status < (uint)_outcomeNames.Length ? _outcomeNames[(int)status] : JsonEncodedText.Encode(TraceNames.Outcome(status));

    private JsonEncodedText StatusName(ulong status)
    {
        if (!_statusNames.TryGetValue(status, out JsonEncodedText name))
        {
            name = JsonEncodedText.Encode(TraceNames.Status(status));
            _statusNames.Add(status, name);
        }

        return name;
    }
}

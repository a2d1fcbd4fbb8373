using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Machine;
using Niagara.Hypervisor.Sun4v;
using Niagara.Machine;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Niagara.Telemetry;

/// <summary>
/// The OpenTelemetry side of one run: the "Niagara" meter and activity source, the exporters
/// <see cref="TelemetryOptions"/> chose, the run span, and what feeds them. Lifecycle:
/// <see cref="Start"/> before the machine is built (its <see cref="MachineOptions"/> carry the
/// event sink), <see cref="Observe"/> wraps the machine for the synchronizer, <see cref="Complete"/>
/// after the run report, and <see cref="Dispose"/> once everything is printed: it keeps a
/// Prometheus endpoint serving for --metrics-linger, then flushes every exporter with a bounded
/// timeout, so a dead OTLP endpoint costs at most <see cref="ShutdownTimeout"/> at exit and
/// nothing during the run (exports run on the SDK's own threads).
/// </summary>
public sealed class TelemetrySession : IDisposable
{
    /// <summary>Longest wait for one OTLP export.</summary>
    public static readonly TimeSpan ExportTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait at exit for each provider's final flush.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Console exporter period (it also writes once at the end).</summary>
    public static readonly TimeSpan ConsoleInterval = TimeSpan.FromSeconds(10);

    /// <summary>OTLP metric export period.</summary>
    public static readonly TimeSpan OtlpInterval = TimeSpan.FromSeconds(5);

    private readonly TelemetryOptions _options;
    private readonly Meter _meter;
    private readonly ActivitySource _source;
    private readonly MeterProvider? _meters;
    private readonly TracerProvider? _tracer;
    private readonly Activity? _run;
    private readonly TextWriter? _stdout;
    private readonly DateTimeOffset _startTime = DateTimeOffset.UtcNow;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly MachineConfiguration _config;
    private readonly int _bootStrand;
    private ObservedMachine? _host;
    private StrandSampler? _sampler;
    private Histogram<long>? _latency;
    private TimingMetrics? _timing;
    private CrossCallObserver? _crossCalls;
    private MachineSpans? _spans;
    private bool _bootReported;
    private bool _completed;

    private TelemetrySession(TelemetryOptions options, string image, MachineConfiguration config, SynchronizerOptions synchronizer, Action<MeterProviderBuilder>? extraMetrics, Action<TracerProviderBuilder>? extraTraces)
    {
        _options = options;
        _config = config;
        _bootStrand = config.StrandIds()[0];
        Events = new MachineEventCounters(_bootStrand);
        _meter = new Meter(MetricNames.MeterName, Version);
        _source = new ActivitySource(MetricNames.MeterName, Version);
        Action<ResourceBuilder> resource = r => r.AddService("niagara", serviceVersion: Version, serviceInstanceId: Guid.NewGuid().ToString());
        if (options.ExportsMetrics || extraMetrics is not null)
        {
            MeterProviderBuilder builder = Sdk.CreateMeterProviderBuilder().ConfigureResource(resource).AddMeter(MetricNames.MeterName);
            AddMetricExporters(builder);
            extraMetrics?.Invoke(builder);
            _meters = BuildProvider(builder.Build);
            if (options.Prometheus is { } endpoint)
            {
                Console.Error.WriteLine($"niagara: serving metrics at http://{endpoint}/metrics");
            }
        }

        if (options.ExportsTraces || extraTraces is not null)
        {
            TracerProviderBuilder builder = Sdk.CreateTracerProviderBuilder().ConfigureResource(resource).AddSource(MetricNames.MeterName).SetSampler(new AlwaysOnSampler());
            if (options.Otlp is not null)
            {
                builder.AddOtlpExporter(o =>
                {
                    ConfigureOtlp(o, "v1/traces");
                    // Spans come in bursts at boundaries: a queue that holds the span cap.
                    o.BatchExportProcessorOptions.MaxQueueSize = TelemetryOptions.MaxCrossCallSpans + 1024;
                    o.BatchExportProcessorOptions.MaxExportBatchSize = 1024;
                    o.BatchExportProcessorOptions.ScheduledDelayMilliseconds = 1000;
                    o.BatchExportProcessorOptions.ExporterTimeoutMilliseconds = (int)ExportTimeout.TotalMilliseconds;
                });
            }

            extraTraces?.Invoke(builder);
            _tracer = builder.Build();
        }

        if (options.Console)
        {
            // The console exporter writes to Console.Out, but stdout is the guest's console.
            _stdout = Console.Out;
            Console.SetOut(Console.Error);
        }

        _run = _source.StartActivity("niagara.run", ActivityKind.Internal, parentContext: default, startTime: _startTime);
        _run?.SetTag("niagara.image", Path.GetFileName(image));
        _run?.SetTag("niagara.strands", config.StrandIds().Count);
        _run?.SetTag("niagara.quantum", (long)synchronizer.Quantum);
        _run?.SetTag("niagara.host_threads", synchronizer.HostThreads);
    }

    public static string Version { get; } = typeof(TelemetrySession).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>The sink the machine reports hypercalls and traps to.</summary>
    public MachineEventCounters Events { get; }

    /// <summary>The machine options that connect the machine to this session.</summary>
    public Sun4vMachineOptions MachineOptions => new() { Events = Events };

    /// <summary>
    /// Starts exporting as <paramref name="options"/> say; null when they export nothing.
    /// <paramref name="extraMetrics"/>/<paramref name="extraTraces"/> add readers or exporters
    /// (tests use OpenTelemetry's in-memory exporter). An endpoint that cannot be served throws
    /// <see cref="InvalidConfigurationException"/> with the line to print.
    /// </summary>
    public static TelemetrySession? Start(TelemetryOptions options, string image, MachineConfiguration config, SynchronizerOptions synchronizer,
        Action<MeterProviderBuilder>? extraMetrics = null, Action<TracerProviderBuilder>? extraTraces = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(synchronizer);
        return options.IsEnabled || extraMetrics is not null || extraTraces is not null
            ? new TelemetrySession(options, image, config, synchronizer, extraMetrics, extraTraces)
            : null;
    }

    /// <summary>
    /// Wraps <paramref name="inner"/> (<paramref name="machine"/> or a wrapper of it) for the
    /// synchronizer and registers the instruments that read <paramref name="machine"/>.
    /// </summary>
    public ObservedMachine Observe(Sun4vMachine machine, IQuantumMachine inner, int hostThreads)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (_host is not null)
        {
            throw new InvalidOperationException("a telemetry session observes one machine");
        }

        _host = new ObservedMachine(machine, inner, hostThreads, _ => OnBoundary());
        _sampler = new StrandSampler(_host);
        _latency = new MachineMetrics(_meter, _host, _sampler, Events).CrossCallLatency;
        _timing = TimingMetrics.Create(_meter, machine);
        return _host;
    }

    /// <summary>What the synchronizer drives: <paramref name="inner"/> observed by <paramref name="session"/>, or <paramref name="inner"/> itself without one.</summary>
    public static IQuantumMachine Wrap(TelemetrySession? session, Sun4vMachine machine, IQuantumMachine inner, int hostThreads) =>
        session is null ? inner : session.Observe(machine, inner, hostThreads);

    /// <summary>After the run: final values become exact, open spans end at the last cycle, the run span gets the outcome.</summary>
    public void Complete(SynchronizerResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_host is null || _completed)
        {
            return;
        }

        _completed = true;
        _host.MarkEnded();
        _sampler!.MarkEnded();
        _timing?.Refresh(force: true);
        CrossCallObserver crossCalls = CrossCalls();
        crossCalls.Finish(result.Cycle);
        ReportBoot(result.Cycle);
        if (_run is not null)
        {
            MachineOutcome? outcome = _host.Machine.Outcome;
            _run.SetTag("niagara.cycles", (long)result.Cycle);
            _run.SetTag("niagara.instructions", (long)result.TotalInstructions);
            _run.SetTag("niagara.quanta", (long)result.Quanta);
            _run.SetTag("niagara.stop", outcome is null ? "cycle_limit" : outcome.Reason.ToString());
            _run.SetTag("niagara.exit_code", outcome?.ExitCode ?? MachineSession.CycleLimitStatus);
            _run.SetTag("niagara.crosscall.spans", crossCalls.Spans);
            _run.SetTag("niagara.crosscall.spans_left_out", crossCalls.SpansLeftOut);
            if (outcome is not null && outcome.Reason != MachineEndReason.GuestExit)
            {
                _run.SetStatus(ActivityStatusCode.Error, outcome.Message);
            }

            _run.SetEndTime(DateTime.UtcNow); // the run, not the linger and flush after it
        }
    }

    /// <summary>Lingers (Prometheus), ends the run span and flushes the exporters, each within a bounded time.</summary>
    public void Dispose()
    {
        if (_completed && _options.Prometheus is { } endpoint && _options.Linger > TimeSpan.Zero)
        {
            Console.Error.WriteLine($"niagara: serving metrics at http://{endpoint}/metrics for {_options.Linger.TotalSeconds:0.###} s more (--metrics-linger)");
            Thread.Sleep(_options.Linger);
        }

        if (_run is not null)
        {
            if (!_completed)
            {
                _run.SetStatus(ActivityStatusCode.Error, "the run did not complete");
            }

            _run.Stop();
            _run.Dispose();
        }

        int timeout = (int)ShutdownTimeout.TotalMilliseconds;
        _tracer?.Shutdown(timeout);
        _tracer?.Dispose();
        _meters?.Shutdown(timeout);
        _meters?.Dispose();
        _source.Dispose();
        _meter.Dispose();
        if (_stdout is not null)
        {
            Console.SetOut(_stdout);
        }
    }

    // Wraps a provider build: a Prometheus endpoint that cannot listen is a configuration error.
    private MeterProvider BuildProvider(Func<MeterProvider> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is HttpListenerException or SocketException or InvalidOperationException && _options.Prometheus is not null)
        {
            _source.Dispose();
            _meter.Dispose();
            throw new InvalidConfigurationException($"--metrics: cannot serve metrics at http://{_options.Prometheus}/metrics: {e.Message}");
        }
    }

    private void AddMetricExporters(MeterProviderBuilder builder)
    {
        if (_options.Prometheus is { } endpoint)
        {
            builder.AddPrometheusHttpListener(o =>
            {
                o.Host = endpoint.Host;
                o.Port = endpoint.Port;
            });
        }

        if (_options.Console)
        {
            builder.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)ConsoleInterval.TotalMilliseconds);
        }

        if (_options.Otlp is not null)
        {
            builder.AddOtlpExporter((o, reader) =>
            {
                ConfigureOtlp(o, "v1/metrics");
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)OtlpInterval.TotalMilliseconds;
                reader.PeriodicExportingMetricReaderOptions.ExportTimeoutMilliseconds = (int)ExportTimeout.TotalMilliseconds;
            });
        }
    }

    // gRPC takes the URL as is; OTLP/HTTP wants the signal's path (set in code, the SDK does not append it).
    private void ConfigureOtlp(OtlpExporterOptions o, string signalPath)
    {
        Uri url = _options.Otlp!;
        o.Protocol = _options.OtlpTransport == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        o.Endpoint = _options.OtlpTransport == OtlpTransport.Grpc ? url : new Uri(url.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
        o.TimeoutMilliseconds = (int)ExportTimeout.TotalMilliseconds;
    }

    private void OnBoundary()
    {
        CrossCalls().OnBoundary();
        _timing?.Refresh(force: false);
        if (Events.BootEndCycle is { } cycle)
        {
            ReportBoot(cycle);
        }
    }

    // Made at the first boundary, when the host time of simulated cycle 0 (the first strand's
    // first quantum) is known: the simulated clock's origin.
    private CrossCallObserver CrossCalls()
    {
        if (_crossCalls is null)
        {
            if (_run is not null && _source.HasListeners())
            {
                DateTimeOffset origin = _startTime + Stopwatch.GetElapsedTime(_startTimestamp, _host!.StartTimestamp != 0 ? _host.StartTimestamp : _startTimestamp);
                _spans = new MachineSpans(_source, _run.Context, new SimulatedClock(origin, _config.ClockFrequencyHz));
            }

            _crossCalls = new CrossCallObserver(_host!.Machine.CrossCalls, _latency, _spans, _options.TraceSample, TelemetryOptions.MaxCrossCallSpans);
        }

        return _crossCalls;
    }

    private void ReportBoot(ulong endCycle)
    {
        if (_bootReported)
        {
            return;
        }

        _bootReported = true;
        _spans?.Boot(_bootStrand, Events.BootEndCycle ?? endCycle, Events.BootEndCycle is null ? null : Events.BootEndReason);
    }
}

using System.Net;
using System.Net.Sockets;
using Niagara.Hypervisor.Configuration;
using Niagara.Telemetry;

namespace Niagara.IntegrationTests;

/// <summary>`niagara run`'s exporter options end to end: console, OTLP to nowhere, bad values.</summary>
public class TelemetryCliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly string Storm = Path.Combine(RepoPaths.Root, "guest", "bin", "storm.elf");

    private static Task<ProcessResult> Niagara(params string[] arguments) =>
        ProcessRunner.RunAsync(SimulatorCli.DotnetHost, [SimulatorCli.AssemblyPath, .. arguments], null, RepoPaths.Root, Timeout);

    // The report's rows that hold only numbers (per-strand and per-core counts): equal between
    // runs of one deterministic workload, unlike the host timings.
    private static List<string> CountRows(string stderr) =>
        [.. stderr.Split('\n').Where(l => l.Length > 0 && l.All(c => char.IsAsciiDigit(c) || c is ' ' or '.'))];

    [Fact]
    public async Task ConsoleExporter_WritesEveryInstrumentToStderr_AndLeavesStdoutToTheGuest()
    {
        ProcessResult plain = await Niagara("run", Storm);
        ProcessResult run = await Niagara("run", Storm, "--metrics", "console");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(plain.Stdout, run.Stdout);
        foreach (string name in new[]
        {
            MetricNames.StrandInstructions, MetricNames.StrandCycles, MetricNames.StrandIpc, MetricNames.CoreInstructions,
            MetricNames.Hypercalls, MetricNames.Traps, MetricNames.CrossCallSent, MetricNames.CrossCallRetried,
            MetricNames.CrossCallLatency, MetricNames.HostSimulatedMips, MetricNames.HostQuanta, MetricNames.HostThreadBusyTime,
        })
        {
            Assert.Contains($"Metric Name: {name},", run.Stderr, StringComparison.Ordinal);
        }

        Assert.Contains("cpu_mondo_send", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("grpc")]
    [InlineData("http/protobuf")]
    public async Task DeadOtlpEndpoint_ChangesNothingInTheRun(string protocol)
    {
        int closed = TelemetryProcess.FreeLoopbackPort();
        ProcessResult plain = await Niagara("run", Storm);
        ProcessResult run = await Niagara("run", Storm, "--otlp", $"http://127.0.0.1:{closed}", "--otlp-protocol", protocol);

        // Not a speed check: a hang would run into the 2-minute timeout; exit stays bounded by the export timeouts.
        Assert.False(run.TimedOut, run.Stderr);
        Assert.Equal(plain.ExitCode, run.ExitCode);
        Assert.Equal(plain.Stdout, run.Stdout);
        Assert.Equal(CountRows(plain.Stderr), CountRows(run.Stderr));
        Assert.True(CountRows(run.Stderr).Count >= 32, run.Stderr);
    }

    [Fact]
    public async Task PrometheusEndpoint_ServesTheDocumentedNames()
    {
        // MetricNames documents these Prometheus names; the Grafana dashboard queries them.
        string[] names =
        [
            "niagara_strand_instructions_total", "niagara_strand_cycles_total", "niagara_strand_ipc",
            "niagara_core_instructions_total", "niagara_core_cycles_total", "niagara_core_ipc", "niagara_machine_cycles_total",
            "niagara_hypercalls_total", "niagara_traps_total",
            "niagara_crosscall_calls_total", "niagara_crosscall_sent_total", "niagara_crosscall_delivered_total",
            "niagara_crosscall_handled_total", "niagara_crosscall_dropped_total", "niagara_crosscall_retried_total",
            "niagara_crosscall_errors_total", "niagara_crosscall_latency_bucket", "niagara_crosscall_latency_sum", "niagara_crosscall_latency_count",
            "niagara_host_simulated_mips", "niagara_host_quanta_total", "niagara_host_quanta_rate_per_second",
            "niagara_host_thread_busy_time_seconds_total", "niagara_host_threads",
            "niagara_strand_cpi_stack_total", "niagara_cache_accesses_total", "niagara_cache_misses_total", "niagara_l2_bank_accesses_total",
            "niagara_crossbar_packets_total", "niagara_crossbar_wait_cycles_total", "niagara_dram_bytes_total", "niagara_dram_busy_cycles_total",
            "niagara_fpu_operations_total",
        ];
        int port = TelemetryProcess.FreeLoopbackPort();
        using var simulator = new TelemetryProcess(SimulatorCli.DotnetHost,
            [SimulatorCli.AssemblyPath, "run", Storm, "--timing", "t1", "--metrics", $"prometheus:127.0.0.1:{port}", "--metrics-linger", "60"], RepoPaths.Root);
        Assert.True(await simulator.WaitUntilAsync(() => simulator.Stderr.Contains("(--metrics-linger)", StringComparison.Ordinal), Timeout), simulator.Stderr);

        using var http = new HttpClient();
        string exposition = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        string[] series = [.. exposition.Split('\n').Where(l => l.StartsWith("niagara_", StringComparison.Ordinal)).Select(l => l.Split('{', ' ')[0]).Distinct()];
        Assert.Equal(names.Order(), series.Order());
        Assert.Contains("niagara_strand_instructions_total{otel_scope_name=\"Niagara\",", exposition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtlpHttp_SendsMetricsAndSpansToTheSignalPaths()
    {
        // A stand-in OTLP/HTTP receiver: records what arrives and answers 200 (an empty
        // protobuf body is a valid empty export response). Protobuf keeps strings as raw bytes.
        int port = TelemetryProcess.FreeLoopbackPort();
        using var receiver = new HttpListener();
        receiver.Prefixes.Add($"http://127.0.0.1:{port}/");
        receiver.Start();
        var received = new System.Collections.Concurrent.ConcurrentBag<(string Path, string ContentType, byte[] Body)>();
        Task serving = Task.Run(async () =>
        {
            while (receiver.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await receiver.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                received.Add((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        });

        ProcessResult run = await Niagara("run", Storm, "--otlp", $"http://127.0.0.1:{port}", "--otlp-protocol", "http/protobuf");
        receiver.Stop();
        await serving;

        Assert.Equal(0, run.ExitCode);
        string Text(string path) => string.Concat(received.Where(r => r.Path == path).Select(r => System.Text.Encoding.Latin1.GetString(r.Body)));
        Assert.All(received, r => Assert.Equal("application/x-protobuf", r.ContentType));
        string metrics = Text("/v1/metrics");
        Assert.Contains(MetricNames.StrandInstructions, metrics, StringComparison.Ordinal);
        Assert.Contains(MetricNames.CrossCallLatency, metrics, StringComparison.Ordinal);
        string traces = Text("/v1/traces");
        Assert.Contains("niagara.run", traces, StringComparison.Ordinal);
        Assert.Contains(MachineSpans.BootSpanName, traces, StringComparison.Ordinal);
        Assert.Contains(MachineSpans.CrossCallSpanName, traces, StringComparison.Ordinal);
        Assert.Contains("niagara.crosscall.send_cycle", traces, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--metrics", "statsd", "niagara: --metrics: 'statsd' is not prometheus, prometheus:HOST:PORT or console\n")]
    [InlineData("--otlp", "collector:4317", "niagara: --otlp: 'collector:4317' is not an http:// or https:// URL (e.g. http://localhost:4317)\n")]
    [InlineData("--metrics-linger", "5", "niagara: --metrics-linger: needs --metrics prometheus (only a scrape endpoint has anyone to wait for)\n")]
    public async Task BadValue_IsOneLineAndExit78(string option, string value, string message)
    {
        ProcessResult run = await Niagara("run", Storm, option, value);
        Assert.Equal(InvalidConfigurationException.ExitCode, run.ExitCode);
        Assert.Equal(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task PrometheusPortInUse_IsOneLineAndExit78()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        ProcessResult run = await Niagara("run", Storm, "--metrics", $"prometheus:127.0.0.1:{port}");

        Assert.Equal(InvalidConfigurationException.ExitCode, run.ExitCode);
        Assert.StartsWith($"niagara: --metrics: cannot serve metrics at http://127.0.0.1:{port}/metrics: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal("", run.Stdout);
    }
}

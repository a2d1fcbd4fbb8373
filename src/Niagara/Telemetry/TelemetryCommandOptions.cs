using System.CommandLine;
using Niagara.Hypervisor.Configuration;
using Niagara.Machine;

namespace Niagara.Telemetry;

/// <summary>
/// The telemetry options of `niagara run`: --metrics, --otlp, --otlp-protocol, --metrics-linger,
/// --trace-sample. Parsing is <see cref="TelemetryOptionParser"/>'s; <see cref="Run"/> starts the
/// exporters around a run and stops them after it.
/// </summary>
public sealed class TelemetryCommandOptions
{
    private readonly Option<string?> _metrics = new("--metrics")
    {
        Description = $"Export metrics: prometheus (a scrape endpoint at http://{PrometheusEndpoint.Default}/metrics), prometheus:HOST:PORT, or console (to stderr, every {TelemetrySession.ConsoleInterval.TotalSeconds:0} s and at the end); several separated by commas.",
        HelpName = "EXPORTER",
    };

    private readonly Option<string?> _otlp = new("--otlp")
    {
        Description = "Send metrics and spans (the run, the guest's boot, each cross-call) with OTLP to URL, e.g. http://localhost:4317. An unreachable endpoint does not slow the run; at exit it costs at most a few seconds.",
        HelpName = "URL",
    };

    private readonly Option<string?> _otlpProtocol = new("--otlp-protocol")
    {
        Description = "grpc (default, port 4317) or http/protobuf (port 4318; /v1/metrics and /v1/traces are appended to URL).",
        HelpName = "PROTOCOL",
    };

    private readonly Option<string?> _linger = new("--metrics-linger")
    {
        Description = "Keep the Prometheus endpoint serving the final values for SECONDS after the run, so a scraper sees them (a short run ends before its first scrape).",
        HelpName = "SECONDS",
    };

    private readonly Option<string?> _traceSample = new("--trace-sample")
    {
        Description = $"Share of cross-calls (0..1, default {TelemetryOptions.DefaultTraceSample}) that get a span, chosen reproducibly; at most {TelemetryOptions.MaxCrossCallSpans} cross-call spans a run.",
        HelpName = "RATIO",
    };

    /// <summary>Option names, in the order they are added.</summary>
    public static IReadOnlyList<string> Names { get; } = ["--metrics", "--otlp", "--otlp-protocol", "--metrics-linger", "--trace-sample"];

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_metrics);
        command.Options.Add(_otlp);
        command.Options.Add(_otlpProtocol);
        command.Options.Add(_linger);
        command.Options.Add(_traceSample);
    }

    /// <summary>Throws <see cref="InvalidConfigurationException"/> for a bad value.</summary>
    public TelemetryOptions Parse(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return TelemetryOptionParser.Parse(result.GetValue(_metrics), result.GetValue(_otlp), result.GetValue(_otlpProtocol), result.GetValue(_linger), result.GetValue(_traceSample));
    }

    /// <summary>
    /// Runs <paramref name="run"/> with a telemetry session (null when nothing is exported) and
    /// ends the session after it (lingering, flushing). An endpoint that cannot be served is
    /// one line on stderr and exit 78, before the machine starts.
    /// </summary>
    public static int Run(TelemetryOptions options, string image, MachineConfiguration config, SynchronizerOptions synchronizer, Func<TelemetrySession?, int> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        TelemetrySession? session;
        try
        {
            session = TelemetrySession.Start(options, image, config, synchronizer);
        }
        catch (InvalidConfigurationException e)
        {
            Console.Error.WriteLine($"niagara: {e.Message}");
            return InvalidConfigurationException.ExitCode;
        }

        using (session)
        {
            return run(session);
        }
    }
}

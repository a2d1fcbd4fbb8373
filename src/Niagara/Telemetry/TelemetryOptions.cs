namespace Niagara.Telemetry;

/// <summary>How the OTLP exporter talks to its endpoint.</summary>
public enum OtlpTransport
{
    /// <summary>OTLP over gRPC (a collector's port 4317); the URL is the endpoint as is.</summary>
    Grpc,

    /// <summary>OTLP/HTTP with protobuf bodies (port 4318); /v1/metrics and /v1/traces are appended to the URL.</summary>
    HttpProtobuf,
}

/// <summary>The Prometheus scrape endpoint: http://HOST:PORT/metrics.</summary>
public sealed record PrometheusEndpoint(string Host, int Port)
{
    public const string DefaultHost = "127.0.0.1";

    /// <summary>The OpenTelemetry Prometheus exporter's customary port.</summary>
    public const int DefaultPort = 9464;

    public static PrometheusEndpoint Default { get; } = new(DefaultHost, DefaultPort);

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}

/// <summary>
/// What a run exports (parsed once from the command line by <see cref="TelemetryOptionParser"/>).
/// <see cref="None"/> exports nothing and costs nothing: no meter, no listener, no sink.
/// </summary>
public sealed record TelemetryOptions
{
    /// <summary>Default --trace-sample: every cross-call gets a span (up to <see cref="MaxCrossCallSpans"/>).</summary>
    public const double DefaultTraceSample = 1.0;

    /// <summary>
    /// At most this many cross-call spans per run, so a mondo storm cannot flood the trace
    /// backend (the metrics still count every cross-call; the run span says how many were left out).
    /// </summary>
    public const int MaxCrossCallSpans = 10_000;

    public static TelemetryOptions None { get; } = new();

    /// <summary>Serve metrics for Prometheus to scrape here; null for no endpoint.</summary>
    public PrometheusEndpoint? Prometheus { get; init; }

    /// <summary>Write metrics to stderr (stdout is the guest console) periodically and at the end.</summary>
    public bool Console { get; init; }

    /// <summary>Send metrics and traces here with OTLP; null for none.</summary>
    public Uri? Otlp { get; init; }

    public OtlpTransport OtlpTransport { get; init; } = OtlpTransport.Grpc;

    /// <summary>Keep the Prometheus endpoint serving this long after the run (a short run ends before a scrape).</summary>
    public TimeSpan Linger { get; init; }

    /// <summary>Share of cross-calls (0..1) that get a span, chosen by sequence number so the choice is reproducible.</summary>
    public double TraceSample { get; init; } = DefaultTraceSample;

    public bool ExportsMetrics => Prometheus is not null || Console || Otlp is not null;

    public bool ExportsTraces => Otlp is not null;

    public bool IsEnabled => ExportsMetrics || ExportsTraces;
}

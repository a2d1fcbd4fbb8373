using Niagara.Hypervisor.Configuration;
using Niagara.Telemetry;

namespace Niagara.IntegrationTests;

/// <summary>The telemetry options' text forms: what each accepts, and the one line a bad value gives.</summary>
public class TelemetryOptionTests
{
    private static TelemetryOptions Parse(string? metrics = null, string? otlp = null, string? protocol = null, string? linger = null, string? sample = null) =>
        TelemetryOptionParser.Parse(metrics, otlp, protocol, linger, sample);

    [Fact]
    public void NoOptions_ExportNothing()
    {
        Assert.False(Parse().IsEnabled);
    }

    [Fact]
    public void Prometheus_DefaultsToLoopback9464()
    {
        Assert.Equal(new PrometheusEndpoint("127.0.0.1", 9464), Parse("prometheus").Prometheus);
    }

    [Theory]
    [InlineData("prometheus:niagara:9100", "niagara", 9100)]
    [InlineData("prometheus:localhost:1", "localhost", 1)]
    [InlineData("prometheus:[::1]:65535", "::1", 65535)]
    public void Prometheus_TakesHostAndPort(string text, string host, int port)
    {
        Assert.Equal(new PrometheusEndpoint(host, port), Parse(text).Prometheus);
    }

    [Fact]
    public void Metrics_TakesACommaSeparatedList()
    {
        TelemetryOptions options = Parse("console,prometheus:127.0.0.1:9999");
        Assert.True(options.Console);
        Assert.Equal(9999, options.Prometheus!.Port);
        Assert.False(options.ExportsTraces);
    }

    [Fact]
    public void Otlp_ExportsMetricsAndTraces_OverGrpcByDefault()
    {
        TelemetryOptions options = Parse(otlp: "http://localhost:4317");
        Assert.True(options.ExportsMetrics);
        Assert.True(options.ExportsTraces);
        Assert.Equal(OtlpTransport.Grpc, options.OtlpTransport);
        Assert.Equal(OtlpTransport.HttpProtobuf, Parse(otlp: "http://localhost:4318", protocol: "http/protobuf").OtlpTransport);
    }

    [Fact]
    public void LingerAndSample_AreParsed()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), Parse("prometheus", linger: "2.5").Linger);
        Assert.Equal(0.25, Parse(otlp: "http://h:4317", sample: "0.25").TraceSample);
    }

    [Theory]
    [InlineData("graphite", null, null, null, null, "--metrics: 'graphite' is not prometheus, prometheus:HOST:PORT or console")]
    [InlineData("prometheus:9464", null, null, null, null, "--metrics: prometheus:9464: expected prometheus:HOST:PORT with HOST a name or an IP address")]
    [InlineData("prometheus:127.0.0.1:0", null, null, null, null, "--metrics: prometheus:127.0.0.1:0: '0' is not a TCP port (1..65535)")]
    [InlineData("prometheus:127.0.0.1:http", null, null, null, null, "--metrics: prometheus:127.0.0.1:http: 'http' is not a TCP port (1..65535)")]
    [InlineData("prometheus:0.0.0.0:9464", null, null, null, null, "--metrics: prometheus:0.0.0.0:9464: cannot listen on every interface; give the host name or address scrapers use (in a container: its host name)")]
    [InlineData("prometheus:*:9464", null, null, null, null, "--metrics: prometheus:*:9464: cannot listen on every interface; give the host name or address scrapers use (in a container: its host name)")]
    [InlineData("prometheus,prometheus", null, null, null, null, "--metrics: prometheus is given twice")]
    [InlineData(null, "localhost:4317", null, null, null, "--otlp: 'localhost:4317' is not an http:// or https:// URL (e.g. http://localhost:4317)")]
    [InlineData(null, "ftp://h/", null, null, null, "--otlp: 'ftp://h/' is not an http:// or https:// URL (e.g. http://localhost:4317)")]
    [InlineData(null, "http://h:4317", "thrift", null, null, "--otlp-protocol: 'thrift' is not grpc or http/protobuf")]
    [InlineData(null, null, "grpc", null, null, "--otlp-protocol: needs --otlp URL")]
    [InlineData("console", null, null, "5", null, "--metrics-linger: needs --metrics prometheus (only a scrape endpoint has anyone to wait for)")]
    [InlineData("prometheus", null, null, "-1", null, "--metrics-linger: '-1' is not a number of seconds in 0..86400")]
    [InlineData("prometheus", null, null, "soon", null, "--metrics-linger: 'soon' is not a number of seconds in 0..86400")]
    [InlineData("prometheus", null, null, null, "0.5", "--trace-sample: needs --otlp URL (spans go to OTLP)")]
    [InlineData(null, "http://h:4317", null, null, "1.5", "--trace-sample: '1.5' is not a ratio in 0..1")]
    [InlineData(null, "http://h:4317", null, null, "NaN", "--trace-sample: 'NaN' is not a ratio in 0..1")]
    public void BadValue_IsOneLineNamingTheOption(string? metrics, string? otlp, string? protocol, string? linger, string? sample, string message)
    {
        var e = Assert.Throws<InvalidConfigurationException>(() => Parse(metrics, otlp, protocol, linger, sample));
        Assert.Equal(message, e.Message);
    }
}

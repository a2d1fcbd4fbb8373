using System.Globalization;
using System.Net;
using Niagara.Hypervisor.Configuration;

namespace Niagara.Telemetry;

/// <summary>
/// Turns the text of --metrics, --otlp, --otlp-protocol, --metrics-linger and --trace-sample
/// into <see cref="TelemetryOptions"/>. A bad value throws <see cref="InvalidConfigurationException"/>
/// whose message is the one line the CLI prints (exit 78).
/// </summary>
public static class TelemetryOptionParser
{
    /// <summary>The longest --metrics-linger (a day): anything longer is a typo.</summary>
    public const int MaxLingerSeconds = 86_400;

    public static TelemetryOptions Parse(string? metrics, string? otlp, string? otlpProtocol, string? linger, string? traceSample)
    {
        var options = TelemetryOptions.None;
        if (metrics is not null)
        {
            options = ParseMetrics(metrics, options);
        }

        if (otlp is not null)
        {
            options = options with { Otlp = ParseOtlp(otlp) };
        }

        if (otlpProtocol is not null)
        {
            if (options.Otlp is null)
            {
                throw Error("--otlp-protocol", "needs --otlp URL");
            }

            options = options with
            {
                OtlpTransport = otlpProtocol switch
                {
                    "grpc" => OtlpTransport.Grpc,
                    "http/protobuf" or "http" => OtlpTransport.HttpProtobuf,
                    _ => throw Error("--otlp-protocol", $"'{otlpProtocol}' is not grpc or http/protobuf"),
                },
            };
        }

        if (linger is not null)
        {
            if (options.Prometheus is null)
            {
                throw Error("--metrics-linger", "needs --metrics prometheus (only a scrape endpoint has anyone to wait for)");
            }

            if (!double.TryParse(linger, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxLingerSeconds)
            {
                throw Error("--metrics-linger", $"'{linger}' is not a number of seconds in 0..{MaxLingerSeconds}");
            }

            options = options with { Linger = TimeSpan.FromSeconds(seconds) };
        }

        if (traceSample is not null)
        {
            if (!options.ExportsTraces)
            {
                throw Error("--trace-sample", "needs --otlp URL (spans go to OTLP)");
            }

            if (!double.TryParse(traceSample, NumberStyles.Float, CultureInfo.InvariantCulture, out double ratio) || !(ratio >= 0 && ratio <= 1))
            {
                throw Error("--trace-sample", $"'{traceSample}' is not a ratio in 0..1");
            }

            options = options with { TraceSample = ratio };
        }

        return options;
    }

    // A comma-separated list: prometheus, prometheus:HOST:PORT, console.
    private static TelemetryOptions ParseMetrics(string text, TelemetryOptions options)
    {
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (item == "console")
            {
                options = options with { Console = true };
            }
            else if (item == "prometheus" || item.StartsWith("prometheus:", StringComparison.Ordinal))
            {
                if (options.Prometheus is not null)
                {
                    throw Error("--metrics", "prometheus is given twice");
                }

                options = options with { Prometheus = item == "prometheus" ? PrometheusEndpoint.Default : ParseEndpoint(item["prometheus:".Length..]) };
            }
            else
            {
                throw Error("--metrics", $"'{item}' is not prometheus, prometheus:HOST:PORT or console");
            }
        }

        return options;
    }

    // HOST:PORT; an IPv6 host in brackets ([::1]:9464).
    private static PrometheusEndpoint ParseEndpoint(string text)
    {
        int colon = text.LastIndexOf(':');
        string host = colon > 0 ? text[..colon] : "";
        string port = colon >= 0 ? text[(colon + 1)..] : "";
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
            if (!IPAddress.TryParse(host, out _))
            {
                host = "";
            }
        }

        // The exporter's HttpListener binds one address and answers requests for that host name:
        // no wildcard (exporter 1.20.1-beta.1 cannot parse "*" or "+"; HttpListener refuses 0.0.0.0).
        if (host is "*" or "+" or "0.0.0.0" or "::")
        {
            throw Error("--metrics", $"prometheus:{text}: cannot listen on every interface; give the host name or address scrapers use (in a container: its host name)");
        }

        if (host.Length == 0 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw Error("--metrics", $"prometheus:{text}: expected prometheus:HOST:PORT with HOST a name or an IP address");
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 65535)
        {
            throw Error("--metrics", $"prometheus:{text}: '{port}' is not a TCP port (1..65535)");
        }

        return new PrometheusEndpoint(host, number);
    }

    private static Uri ParseOtlp(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw Error("--otlp", $"'{text}' is not an http:// or https:// URL (e.g. http://localhost:4317)");
        }

        return uri;
    }

    private static InvalidConfigurationException Error(string option, string message) => new($"{option}: {message}");
}

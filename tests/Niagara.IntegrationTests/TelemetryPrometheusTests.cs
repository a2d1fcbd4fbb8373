using System.Globalization;
using System.Text.Json;

namespace Niagara.IntegrationTests;

/// <summary>
/// A real Prometheus (Debian's, installed by scripts/test.sh) scrapes a running simulation's
/// Prometheus endpoint, and its HTTP API answers the per-strand instruction counter with the
/// values of the run's own report. Prometheus missing fails the test with how to install it.
/// </summary>
public class TelemetryPrometheusTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static string RequirePrometheus()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, "prometheus");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("'prometheus' is not on PATH; install with: apt-get install -y prometheus (scripts/test.sh does this when run as root).");
    }

    [Fact]
    public async Task Prometheus_ScrapesPerStrandInstructions_EqualToTheReport()
    {
        string prometheus = RequirePrometheus();
        string work = Directory.CreateTempSubdirectory("niagara-prometheus-").FullName;
        try
        {
            int simulatorPort = TelemetryProcess.FreeLoopbackPort();
            int prometheusPort = TelemetryProcess.FreeLoopbackPort();
            string report = Path.Combine(work, "report.json");
            string config = Path.Combine(work, "prometheus.yml");
            File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: niagara
                    static_configs:
                      - targets: ['127.0.0.1:{simulatorPort}']
                """));

            // The built-in jobmix demo on 32 strands, serving its final values for a minute after the run.
            using var simulator = new TelemetryProcess(SimulatorCli.DotnetHost,
                [SimulatorCli.AssemblyPath, "run", "--metrics", $"prometheus:127.0.0.1:{simulatorPort}", "--metrics-linger", "60", "--report", report],
                RepoPaths.Root);
            using var server = new TelemetryProcess(prometheus,
                [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(work, "data")}", $"--web.listen-address=127.0.0.1:{prometheusPort}"],
                work);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}/"), Timeout = TimeSpan.FromSeconds(5) };

            Assert.True(await simulator.WaitUntilAsync(() => simulator.Stderr.Contains("(--metrics-linger)", StringComparison.Ordinal), Deadline),
                $"the run did not reach its linger:\n{simulator.Stderr}");
            double ended = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;
            Dictionary<string, long> expected = ReportInstructions(report);
            Assert.Equal(32, expected.Count);

            // A sample scraped after the run ended holds the final values.
            Dictionary<string, (double Time, long Value)> scraped = [];
            bool final = await server.WaitUntilAsync(() =>
            {
                scraped = Query(http, "niagara_strand_instructions_total{job=\"niagara\"}");
                return scraped.Count == expected.Count && scraped.Values.All(s => s.Time > ended);
            }, Deadline);
            Assert.True(final, $"no scrape after the run: {scraped.Count} series\nprometheus:\n{server.Stderr}\nsimulator:\n{simulator.Stderr}");

            foreach ((string strand, long instructions) in expected)
            {
                Assert.True(scraped.TryGetValue(strand, out var sample), $"strand {strand} missing in Prometheus");
                Assert.Equal(instructions, sample.Value);
            }

            // The target is healthy, and the series carries the core label too.
            Assert.Equal(expected.Values.Sum(), Query(http, "sum(niagara_core_instructions_total)").Values.Single().Value);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // strand id -> instructions from the JSON report (docs/report-schema.json).
    private static Dictionary<string, long> ReportInstructions(string path)
    {
        using JsonDocument report = JsonDocument.Parse(File.ReadAllBytes(path));
        return report.RootElement.GetProperty("strands").EnumerateArray().ToDictionary(
            s => s.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture),
            s => s.GetProperty("instructions").GetInt64());
    }

    // An instant query: label "strand" (or "" for an aggregate) -> (sample time, value). Empty while Prometheus is not up yet.
    private static Dictionary<string, (double Time, long Value)> Query(HttpClient http, string query)
    {
        string body;
        try
        {
            body = http.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(query)).GetAwaiter().GetResult();
        }
        catch (HttpRequestException)
        {
            return [];
        }
        catch (TaskCanceledException)
        {
            return [];
        }

        using JsonDocument answer = JsonDocument.Parse(body);
        var series = new Dictionary<string, (double, long)>();
        foreach (JsonElement result in answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            string strand = result.GetProperty("metric").TryGetProperty("strand", out JsonElement s) ? s.GetString()! : "";
            JsonElement value = result.GetProperty("value");
            series[strand] = (value[0].GetDouble(), long.Parse(value[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return series;
    }
}

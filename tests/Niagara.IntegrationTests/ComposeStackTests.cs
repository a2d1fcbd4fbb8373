using System.Text.Json;
using YamlDotNet.Serialization;

namespace Niagara.IntegrationTests;

/// <summary>
/// docker-compose.yml and deploy/: Docker does not run here, so these check what can be checked
/// without it: every file parses, every mounted file exists, images are pinned, and the
/// host names, ports and uids by which the services find each other agree.
/// </summary>
public sealed class ComposeStackTests
{
    private static readonly string Root = RepoPaths.Root;

    private static Dictionary<object, object> Compose => Yaml("docker-compose.yml");

    private static Dictionary<object, object> Services => Map(Compose, "services");

    [Fact]
    public void EveryImageIsPinnedAndEveryMountedPathExists()
    {
        Assert.Equal(["grafana", "jaeger", "otel-collector", "prometheus", "simulator"], Services.Keys.Cast<string>().Order(StringComparer.Ordinal));
        foreach ((object name, object value) in Services)
        {
            var service = (Dictionary<object, object>)value;
            string image = (string)service["image"];
            int colon = image.LastIndexOf(':');
            Assert.True(colon > 0 && image[(colon + 1)..] is not ("latest" or ""), $"{name}: image {image} has no pinned tag");
            foreach (string volume in Volumes(service))
            {
                string host = volume.Split(':')[0];
                Assert.True(host.StartsWith("./", StringComparison.Ordinal), $"{name}: {volume} is not a path in the repository");
                Assert.True(File.Exists(Path.Combine(Root, host)) || Directory.Exists(Path.Combine(Root, host)), $"{name}: {host} does not exist");
            }
        }

        Assert.Equal(".", Services.Get("simulator")["build"]);
        Assert.True(File.Exists(Path.Combine(Root, "Dockerfile")));
        Assert.True(File.Exists(Path.Combine(Root, ".dockerignore")));
    }

    [Fact]
    public void SimulatorSendsOtlpToTheCollectorsGrpcReceiver()
    {
        var otlp = new Uri((string)Map(Services.Get("simulator"), "environment")["NIAGARA_OTLP"]);
        Dictionary<object, object> collector = CollectorConfig;
        string grpc = (string)Map(Map(Map(Map(collector, "receivers"), "otlp"), "protocols"), "grpc")["endpoint"];

        Assert.Equal("otel-collector", otlp.Host);
        Assert.True(Services.ContainsKey(otlp.Host));
        Assert.Equal("0.0.0.0:" + otlp.Port, grpc);
        Assert.Contains("otel-collector", DependsOn(Services.Get("simulator")));
    }

    [Fact]
    public void PrometheusScrapesTheCollectorsExporter()
    {
        Dictionary<object, object> prometheus = Yaml("deploy/prometheus/prometheus.yml");
        var job = (Dictionary<object, object>)List(prometheus, "scrape_configs").Single();
        string target = (string)List((Dictionary<object, object>)List(job, "static_configs").Single(), "targets").Single();
        string exporter = (string)Map(Map(CollectorConfig, "exporters"), "prometheus")["endpoint"];

        Assert.Equal("otel-collector:" + exporter.Split(':')[1], target);
        Assert.True(bool.Parse((string)job["honor_labels"]));
        Assert.Contains("/etc/prometheus/prometheus.yml", Volumes(Services.Get("prometheus")).Select(ContainerPath));
    }

    [Fact]
    public void CollectorSendsSpansToJaegerAndItsPipelinesUseDefinedComponents()
    {
        Dictionary<object, object> collector = CollectorConfig;
        var jaeger = Map(Map(collector, "exporters"), "otlp/jaeger");
        Assert.Equal("jaeger:4317", jaeger["endpoint"]);
        Assert.Equal("true", Map(Services.Get("jaeger"), "environment")["COLLECTOR_OTLP_ENABLED"]);

        // The collector reads the file compose mounts at the path its command names.
        string config = ((List<object>)Services.Get("otel-collector")["command"]).Cast<string>().Single()["--config=".Length..];
        Assert.Contains(config, Volumes(Services.Get("otel-collector")).Select(ContainerPath));

        Dictionary<object, object> pipelines = Map(Map(collector, "service"), "pipelines");
        Assert.Equal(["metrics", "traces"], pipelines.Keys.Cast<string>().Order(StringComparer.Ordinal));
        foreach ((object name, object value) in pipelines)
        {
            foreach (string kind in new[] { "receivers", "processors", "exporters" })
            {
                foreach (string component in List((Dictionary<object, object>)value, kind).Cast<string>())
                {
                    Assert.True(Map(collector, kind).ContainsKey(component), $"pipeline {name}: {kind} {component} is not defined");
                }
            }
        }

        Assert.Equal(["prometheus"], List(Map(pipelines, "metrics"), "exporters"));
        Assert.Equal(["otlp/jaeger"], List(Map(pipelines, "traces"), "exporters"));
    }

    [Fact]
    public void GrafanaProvisionsBothDataSourcesAndTheDashboardUsesThem()
    {
        Dictionary<object, object> grafana = Services.Get("grafana");
        Assert.Contains("/etc/grafana/provisioning", Volumes(grafana).Select(ContainerPath));
        var sources = List(Yaml("deploy/grafana/provisioning/datasources/datasources.yaml"), "datasources").Cast<Dictionary<object, object>>().ToList();
        Assert.Equal("http://prometheus:9090", sources.Single(s => (string)s["type"] == "prometheus")["url"]);
        Assert.Equal("http://jaeger:16686", sources.Single(s => (string)s["type"] == "jaeger")["url"]);
        Assert.Contains("9090:9090", Ports(Services.Get("prometheus")));
        Assert.Contains("16686:16686", Ports(Services.Get("jaeger")));

        // The provider reads the folder compose mounts the dashboards into.
        var provider = (Dictionary<object, object>)List(Yaml("deploy/grafana/provisioning/dashboards/dashboards.yaml"), "providers").Single();
        string folder = (string)Map(provider, "options")["path"];
        Assert.Contains("./deploy/grafana/dashboards:" + folder + ":ro", Volumes(grafana));
        Assert.StartsWith(folder + "/", (string)Map(grafana, "environment")["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "deploy/grafana/dashboards", Path.GetFileName((string)Map(grafana, "environment")["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]))));

        HashSet<string> uids = [.. sources.Select(s => (string)s["uid"])];
        foreach (JsonElement target in DashboardTargets())
        {
            Assert.Contains(target.GetProperty("datasource").GetProperty("uid").GetString()!, uids);
        }
    }

    [Fact]
    public void DockerfileCopiesWhatExistsAndTheLoopRunsImagesThatExist()
    {
        string[] dockerfile = File.ReadAllLines(Path.Combine(Root, "Dockerfile"));
        foreach (string line in dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)))
        {
            string source = line.Split(' ')[1];
            Assert.True(source == "." || File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), line);
        }

        Assert.Contains(dockerfile, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.", StringComparison.Ordinal));
        Assert.Contains("RUN dotnet publish src/Niagara/Niagara.csproj -c Release -o /out", dockerfile);
        Assert.True(File.Exists(Path.Combine(Root, "src/Niagara/Niagara.csproj")));

        string loop = File.ReadAllText(Path.Combine(Root, "deploy/simulator/loop.sh"));
        Assert.Contains("dotnet /opt/niagara/niagara.dll run --otlp \"$otlp\"", loop, StringComparison.Ordinal);
        string images = loop[(loop.IndexOf("NIAGARA_IMAGES:-", StringComparison.Ordinal) + "NIAGARA_IMAGES:-".Length)..];
        images = images[..images.IndexOf('}', StringComparison.Ordinal)];
        foreach (string image in images.Split(' '))
        {
            Assert.True(File.Exists(Path.Combine(Root, image)), image);
        }
    }

    [Fact]
    public async Task DashboardQueriesOnlyMetricsTheSimulatorExports()
    {
        HashSet<string> queried = [.. DashboardTargets().SelectMany(t => PromQl.MetricNames(t.GetProperty("expr").GetString()!))];
        Assert.True(queried.Count >= 15, string.Join(", ", queried));

        // What a real run serves (storm: cross-calls, EWOULDBLOCK and all), scraped like Prometheus does.
        HashSet<string> exported = await ScrapeAsync(ReportTestSupport.GuestImage("storm"));

        Assert.Empty(queried.Except(exported));
    }

    private static async Task<HashSet<string>> ScrapeAsync(string image)
    {
        int port = TelemetryProcess.FreeLoopbackPort();
        using var simulator = new TelemetryProcess(
            SimulatorCli.DotnetHost,
            [SimulatorCli.AssemblyPath, "run", image, "--metrics", $"prometheus:127.0.0.1:{port}", "--metrics-linger", "60"],
            AppContext.BaseDirectory);
        Assert.True(await simulator.WaitUntilAsync(() => simulator.Stderr.Contains("(--metrics-linger)", StringComparison.Ordinal), TimeSpan.FromMinutes(2)), simulator.Stderr);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        string text = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        return [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l[..l.IndexOfAny(['{', ' '])])];
    }

    private static IEnumerable<JsonElement> DashboardTargets()
    {
        using JsonDocument dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "deploy/grafana/dashboards/niagara.json")));
        List<JsonElement> targets = [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.Clone())];
        Assert.NotEmpty(targets);
        return targets;
    }

    private static Dictionary<object, object> CollectorConfig => Yaml("deploy/otel-collector/config.yaml");

    private static Dictionary<object, object> Yaml(string path) =>
        (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(Path.Combine(Root, path)))!;

    private static Dictionary<object, object> Map(Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out object? value) && value is Dictionary<object, object> m ? m : throw new Xunit.Sdk.XunitException($"no mapping '{key}'");

    private static List<object> List(Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out object? value) && value is List<object> l ? l : throw new Xunit.Sdk.XunitException($"no list '{key}'");

    private static IEnumerable<string> Volumes(Dictionary<object, object> service) =>
        service.TryGetValue("volumes", out object? v) ? ((List<object>)v).Cast<string>() : [];

    private static IEnumerable<string> Ports(Dictionary<object, object> service) =>
        service.TryGetValue("ports", out object? v) ? ((List<object>)v).Cast<string>() : [];

    private static IEnumerable<string> DependsOn(Dictionary<object, object> service) =>
        service.TryGetValue("depends_on", out object? v) ? ((List<object>)v).Cast<string>() : [];

    private static string ContainerPath(string volume) => volume.Split(':')[1];
}

internal static class ComposeYamlExtensions
{
    public static Dictionary<object, object> Get(this Dictionary<object, object> services, string name) =>
        (Dictionary<object, object>)services[name];
}

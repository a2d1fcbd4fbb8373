using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using static Niagara.IntegrationTests.ReportTestSupport;

namespace Niagara.IntegrationTests;

/// <summary>`niagara run --plots DIR`: the SVGs are well-formed and show what the report says.</summary>
public sealed partial class PlotSvgTests : IDisposable
{
    private readonly string _directory = TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Storm_OneBarPerStrandLabelledWithItsIdAndHistogramOfEveryHandledCrossCall()
    {
        string plots = Path.Combine(_directory, "plots");
        string report = Path.Combine(_directory, "storm.json");

        ProcessResult run = await RunCli("run", GuestImage("storm"), "--plots", plots, "--report", report);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(report));
        JsonElement[] strands = [.. json.RootElement.GetProperty("strands").EnumerateArray()];
        string[] ids = [.. strands.Select(s => s.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture))];
        foreach (string name in new[] { "strand-instructions", "strand-ipc", "crosscall-latency" })
        {
            Assert.True(File.Exists(Path.Combine(plots, name + ".png")), name);
        }

        // Instructions: one bar per strand, in strand order, heights proportional to the counts,
        // each centred over a tick label that is its strand id.
        Svg instructions = Svg.Load(Path.Combine(plots, "strand-instructions.svg"));
        double[] counts = [.. strands.Select(s => (double)s.GetProperty("instructions").GetUInt64())];
        AssertBars(instructions, ids, counts);
        Assert.Contains("strand (colour: core)", instructions.Texts);
        Assert.Contains("instructions retired", instructions.Texts);
        Assert.Contains(instructions.Texts, t => t.StartsWith("Instructions per strand (storm.elf)", StringComparison.Ordinal));

        Svg ipc = Svg.Load(Path.Combine(plots, "strand-ipc.svg"));
        AssertBars(ipc, ids, [.. strands.Select(s => s.GetProperty("ipc").GetDouble())]);
        Assert.Contains("instructions per cycle", ipc.Texts);

        // Histogram: one bar per non-empty bin, heights proportional to the bin counts.
        Svg histogram = Svg.Load(Path.Combine(plots, "crosscall-latency.svg"));
        double[] binCounts = [.. json.RootElement.GetProperty("crossCalls").GetProperty("sendToHandledHistogram").EnumerateArray()
            .Select(b => (double)b.GetProperty("count").GetInt64()).Where(c => c > 0)];
        Assert.True(binCounts.Length > 1);
        AssertHeightsProportional([.. histogram.Bars.Where(b => b.Height > 0).Select(b => b.Height)], binCounts);
        Assert.Contains("latency (cycles)", histogram.Texts);
        Assert.Contains("cross-calls", histogram.Texts);
        Assert.Matches(@"plots: 3 written to .*plots \(SVG and PNG\)", run.Stderr);
    }

    [Fact]
    public async Task Hello_NoCrossCallsMeansNoHistogram()
    {
        ProcessResult run = await RunCli("run", "--strands", "4", GuestImage("hello32"), "--plots", _directory);

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(["strand-instructions.png", "strand-instructions.svg", "strand-ipc.png", "strand-ipc.svg"],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertBarLabels(Svg.Load(Path.Combine(_directory, "strand-instructions.svg")), ["0", "1", "2", "3"]);
    }

    [Fact]
    public async Task PlotsPathIsAFile_RefusedBeforeTheRun()
    {
        string file = Path.Combine(_directory, "file");
        File.WriteAllText(file, "x");

        ProcessResult run = await RunCli("run", GuestImage("hello"), "--plots", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"niagara: {file}: Not a directory\n", run.Stderr);
    }

    private static void AssertBars(Svg svg, string[] ids, double[] values)
    {
        Assert.Equal(ids.Length, svg.Bars.Count);
        AssertBarLabels(svg, ids);
        AssertHeightsProportional([.. svg.Bars.Select(b => b.Height)], values);
    }

    // Bar i is centred over the tick label ids[i] (within a pixel).
    private static void AssertBarLabels(Svg svg, string[] ids)
    {
        Assert.True(svg.Bars.Count <= ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            double centre = svg.Bars[i].X + (svg.Bars[i].Width / 2);
            Assert.Contains(svg.Labels, l => l.Text == ids[i] && Math.Abs(l.X - centre) < 1);
        }
    }

    private static void AssertHeightsProportional(double[] heights, double[] values)
    {
        Assert.Equal(values.Length, heights.Length);
        double scale = heights.Max() / values.Max();
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(Math.Abs(heights[i] - (values[i] * scale)) < 1.0, $"bar {i}: height {heights[i]}, expected {values[i] * scale}");
        }
    }

    private sealed record Bar(double X, double Width, double Height);

    private sealed record Label(string Text, double X);

    /// <summary>What the tests read from a plot SVG: the filled rectangles in the clipped data area, and the texts.</summary>
    private sealed record Svg(List<Bar> Bars, List<Label> Labels)
    {
        public IEnumerable<string> Texts => Labels.Select(l => l.Text);

        public static Svg Load(string path)
        {
            XDocument doc = XDocument.Load(path);
            XNamespace svg = "http://www.w3.org/2000/svg";
            Assert.Equal(svg + "svg", doc.Root!.Name);
            List<Bar> bars = [.. doc.Descendants(svg + "g").Where(g => g.Attribute("clip-path") is not null)
                .SelectMany(g => g.Elements(svg + "rect"))
                .Where(r => r.Attribute("fill") is { Value: not "none" })
                .Select(r => new Bar(Number(r, "x"), Number(r, "width"), Number(r, "height")))];
            List<Label> labels = [.. doc.Descendants(svg + "text").Select(t => new Label(t.Value.Trim(), TranslateX(t)))];
            return new Svg(bars, labels);
        }

        private static double Number(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

        private static double TranslateX(XElement text)
        {
            Match m = Translate().Match(text.Attribute("transform")?.Value ?? string.Empty);
            return m.Success ? double.Parse(m.Groups["x"].Value, CultureInfo.InvariantCulture) : double.NaN;
        }
    }

    [GeneratedRegex(@"translate\((?<x>-?[\d.]+)[ ,]")]
    private static partial Regex Translate();
}

using System.Globalization;
using ScottPlot;

namespace Niagara.Reports.Plots;

/// <summary>
/// The pictures of one run (`--plots DIR`): instructions and IPC per strand (one bar per strand,
/// labelled with its id, coloured by core) and the cross-call send -> handled latency histogram.
/// Made from the <see cref="RunSummary"/>, like the text and JSON reports.
/// </summary>
public static class RunPlots
{
    public const string InstructionsName = "strand-instructions";
    public const string IpcName = "strand-ipc";
    public const string LatencyName = "crosscall-latency";

    /// <summary>Writes every plot the summary has data for; returns the SVG paths written, or null after an error.</summary>
    public static IReadOnlyList<string>? Write(RunSummary summary, string directory, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (!PlotFiles.EnsureDirectory(directory, errors))
        {
            return null;
        }

        var written = new List<string>();
        string image = Path.GetFileName(summary.Image);
        Plot[] plots =
        [
            StrandBars(summary, s => s.Instructions, $"Instructions per strand ({image})", "instructions retired"),
            StrandBars(summary, s => s.Ipc, $"IPC per strand ({image}, {summary.Cycles} cycles)", "instructions per cycle"),
        ];
        string[] names = [InstructionsName, IpcName];
        for (int i = 0; i < plots.Length; i++)
        {
            if (PlotFiles.Save(plots[i], directory, names[i], errors) is not { } path)
            {
                return null;
            }

            written.Add(path);
        }

        if (summary.CrossCalls is { SendToHandledHistogram.Count: > 0 } crossCalls)
        {
            if (PlotFiles.Save(LatencyHistogramPlot(crossCalls, image), directory, LatencyName, errors) is not { } path)
            {
                return null;
            }

            written.Add(path);
        }

        return written;
    }

    public static Plot StrandBars(RunSummary summary, Func<StrandSummary, double> value, string title, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(value);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var bars = new List<Bar>();
        var positions = new double[summary.Strands.Count];
        var labels = new string[summary.Strands.Count];
        for (int i = 0; i < summary.Strands.Count; i++)
        {
            StrandSummary s = summary.Strands[i];
            bars.Add(new Bar { Position = i, Value = value(s), FillColor = palette.GetColor(s.Core), LineWidth = 0 });
            positions[i] = i;
            labels[i] = s.Id.ToString(CultureInfo.InvariantCulture);
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(positions, labels);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.XLabel("strand (colour: core)");
        plot.YLabel(yLabel);
        return plot;
    }

    public static Plot LatencyHistogramPlot(CrossCallReport crossCalls, string image)
    {
        ArgumentNullException.ThrowIfNull(crossCalls);
        var plot = new Plot();
        var bars = new List<Bar>();
        foreach (HistogramBin bin in crossCalls.SendToHandledHistogram)
        {
            // A bar spans its bin: [from, to) on a cycle axis.
            bars.Add(new Bar
            {
                Position = (bin.FromCycles + bin.ToCycles) / 2.0,
                Size = bin.ToCycles - bin.FromCycles,
                Value = bin.Count,
                FillColor = Colors.C0,
                LineWidth = 0,
            });
        }

        plot.Add.Bars(bars);
        plot.Axes.Margins(bottom: 0);
        LatencyReport l = crossCalls.SendToHandled;
        plot.Title(string.Create(CultureInfo.InvariantCulture,
            $"Cross-call latency, send -> handled ({image}: {l.Count} handled, median {l.Median}, p99 {l.P99} cycles)"));
        plot.XLabel("latency (cycles)");
        plot.YLabel("cross-calls");
        return plot;
    }
}

using System.Globalization;
using Niagara.Reports.Scaling;
using ScottPlot;

namespace Niagara.Reports.Plots;

/// <summary>The `niagara scale` picture: speedup over host threads against the ideal line, one marker per measured count.</summary>
public static class ScalingPlot
{
    public const string Name = "scaling";

    public static Plot Create(IReadOnlyList<ScalePoint> points, string image)
    {
        ArgumentNullException.ThrowIfNull(points);
        ScalePoint baseline = points[0];
        var ordered = points.OrderBy(p => p.HostThreads).ToArray();
        double[] threads = [.. ordered.Select(p => (double)p.HostThreads)];
        double[] speedup = [.. ordered.Select(p => ScaleTable.Speedup(p, baseline))];
        double[] ideal = [.. ordered.Select(p => (double)p.HostThreads / baseline.HostThreads)];
        var plot = new Plot();
        var idealLine = plot.Add.Scatter(threads, ideal);
        idealLine.LegendText = "ideal";
        idealLine.LinePattern = LinePattern.Dashed;
        idealLine.MarkerSize = 0;
        idealLine.Color = Colors.Gray;
        var measured = plot.Add.Scatter(threads, speedup);
        measured.LegendText = "measured";
        measured.Color = Colors.C0;
        measured.MarkerSize = 8;
        plot.Axes.Bottom.SetTicks(threads, [.. ordered.Select(p => p.HostThreads.ToString(CultureInfo.InvariantCulture))]);
        plot.ShowLegend(Alignment.UpperLeft);
        double best = ordered.Max(p => p.Mips);
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Host-thread scaling ({image}; up to {best:F1} simulated MIPS)"));
        plot.XLabel("host threads");
        plot.YLabel(string.Create(CultureInfo.InvariantCulture, $"speedup over {baseline.HostThreads} host thread{(baseline.HostThreads == 1 ? "" : "s")}"));
        return plot;
    }
}

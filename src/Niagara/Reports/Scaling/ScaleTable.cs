using System.Globalization;

namespace Niagara.Reports.Scaling;

/// <summary>
/// The `niagara scale` table: per host-thread count the wall time of its median run, simulated
/// MIPS, speedup over the first count and parallel efficiency (speedup divided by the thread ratio).
/// </summary>
public static class ScaleTable
{
    public static double Speedup(ScalePoint point, ScalePoint baseline)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(baseline);
        return point.WallTime.TotalSeconds > 0 ? baseline.WallTime.TotalSeconds / point.WallTime.TotalSeconds : 0;
    }

    public static double Efficiency(ScalePoint point, ScalePoint baseline) =>
        Speedup(point, baseline) * baseline.HostThreads / point.HostThreads;

    /// <param name="rounds">Runs each point is the median of (named above the table when more than one).</param>
    public static void Write(TextWriter output, IReadOnlyList<ScalePoint> points, int rounds)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(points);
        var c = CultureInfo.InvariantCulture;
        if (rounds > 1)
        {
            output.WriteLine(string.Format(c, "median of {0} runs per count, the counts taking turns", rounds));
        }

        output.WriteLine("host threads  wall time (s)  simulated MIPS  speedup  efficiency");
        foreach (ScalePoint p in points)
        {
            output.WriteLine(string.Format(c, "{0,12}  {1,13:F3}  {2,14:F1}  {3,7:F2}  {4,9:F0}%", p.HostThreads, p.WallTime.TotalSeconds, p.Mips, Speedup(p, points[0]), Efficiency(p, points[0]) * 100));
        }
    }
}

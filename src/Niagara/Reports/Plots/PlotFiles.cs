using ScottPlot;

namespace Niagara.Reports.Plots;

/// <summary>Saves a plot as NAME.svg and NAME.png in an output directory (each written atomically).</summary>
public static class PlotFiles
{
    public const int Width = 1000;
    public const int Height = 450;

    /// <summary>Creates <paramref name="directory"/> if needed; false (with one line on <paramref name="errors"/>) when it cannot be made.</summary>
    public static bool EnsureDirectory(string directory, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            Directory.CreateDirectory(directory);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"niagara: {directory}: {(e is UnauthorizedAccessException ? "Permission denied" : e.Message)}");
            return false;
        }
    }

    /// <summary>Writes the plot; returns the SVG path, or null after reporting why not.</summary>
    public static string? Save(Plot plot, string directory, string name, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(plot);
        string svgPath = Path.Combine(directory, name + ".svg");
        string svg = plot.GetSvgXml(Width, Height);
        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        bool ok = ReportFile.Write(svgPath, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(svg)), errors)
            && ReportFile.Write(Path.Combine(directory, name + ".png"), stream => stream.Write(png), errors);
        return ok ? svgPath : null;
    }
}

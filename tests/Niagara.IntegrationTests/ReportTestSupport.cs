using System.Text.RegularExpressions;

namespace Niagara.IntegrationTests;

/// <summary>Runs the CLI for the report, plot and scale tests, and parses the report table.</summary>
public static partial class ReportTestSupport
{
    public static string GuestImage(string name) => Path.Combine(RepoPaths.Root, "guest", "bin", name + ".elf");

    public static Task<ProcessResult> RunCli(params string[] arguments) =>
        ProcessRunner.RunAsync(SimulatorCli.DotnetHost, [SimulatorCli.AssemblyPath, .. arguments], null, AppContext.BaseDirectory, TimeSpan.FromMinutes(3));

    /// <summary>A fresh empty directory under the system temp directory.</summary>
    public static string TempDirectory()
    {
        string path = Path.Combine(Path.GetTempPath(), "niagara-reports-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The text report's strand rows as (strand id, instructions).</summary>
    public static List<(int Strand, ulong Instructions)> StrandRows(string stderr) =>
        [.. StrandRow().Matches(stderr).Select(m => (int.Parse(m.Groups["id"].Value), ulong.Parse(m.Groups["n"].Value)))];

    [GeneratedRegex(@"^\s+(?<id>\d+)\s+(?<n>\d+)\s+\d+\s+\d+\.\d+$", RegexOptions.Multiline)]
    private static partial Regex StrandRow();
}

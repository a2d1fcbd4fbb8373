using System.Runtime.CompilerServices;

namespace Niagara.IntegrationTests;

/// <summary>
/// Paths inside the repository: found by walking up to Niagara.sln from the test assembly, or
/// (when it was built elsewhere, e.g. with --artifacts-path) from this source file.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ProgramsDirectory => Path.Combine(Root, "tests", "programs");

    public static string ProgramsBuildDirectory => Path.Combine(ProgramsDirectory, "build");

    public static string ProgramsBuildScript => Path.Combine(ProgramsDirectory, "build.sh");

    private static string FindRoot() =>
        FindAbove(AppContext.BaseDirectory)
        ?? FindAbove(Path.GetDirectoryName(SourceFile()) ?? "/")
        ?? throw new InvalidOperationException(
            $"No Niagara.sln above {AppContext.BaseDirectory}: run the tests from inside the repository.");

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Niagara.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;
}

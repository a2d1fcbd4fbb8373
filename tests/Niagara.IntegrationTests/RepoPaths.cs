namespace Niagara.IntegrationTests;

/// <summary>Paths inside the repository, found by walking up from the test assembly to Niagara.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ProgramsDirectory => Path.Combine(Root, "tests", "programs");

    public static string ProgramsBuildDirectory => Path.Combine(ProgramsDirectory, "build");

    public static string ProgramsBuildScript => Path.Combine(ProgramsDirectory, "build.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Niagara.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No Niagara.sln above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }
}

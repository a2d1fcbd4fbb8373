using System.Runtime.InteropServices;

namespace Niagara.IntegrationTests;

/// <summary>How to start the simulator: <c>dotnet niagara.dll ...</c>. The test project references
/// the CLI project, so niagara.dll is copied next to the test assembly.</summary>
public static class SimulatorCli
{
    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "niagara.dll");

    public static string DotnetHost { get; } = FindDotnetHost();

    public static IEnumerable<string> ExecArguments(string program, IEnumerable<string> programArguments) =>
        [AssemblyPath, "exec", program, .. programArguments];

    // The dotnet CLI exports its own path to child processes; else the muxer that runs this test
    // host; else the one above the shared runtime directory (<root>/shared/Microsoft.NETCore.App/<v>/).
    private static string FindDotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }

        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var runtimeDir = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var besideRuntime = Path.Combine(root, "dotnet");
        return File.Exists(besideRuntime) ? besideRuntime : "dotnet";
    }
}

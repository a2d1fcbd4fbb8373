namespace Niagara.IntegrationTests;

/// <summary>The guest cross compiler and the reference emulator. Missing tools fail the tests
/// (CI installs them), they never skip them.</summary>
public static class Toolchain
{
    public const string CrossCompiler = "sparc64-linux-gnu-gcc";
    public const string Qemu = "qemu-sparc64";

    /// <summary>qemu's model of the simulated CPU: it refuses instructions a T1 lacks.</summary>
    public const string QemuCpu = "Sun-UltraSparc-T1";

    private const string InstallHint =
        "install with: apt-get install -y gcc-sparc64-linux-gnu binutils-sparc64-linux-gnu qemu-user "
        + "(scripts/test.sh does this when run as root)";

    /// <summary>The full path of a tool on PATH, or an exception that says how to install it.</summary>
    public static string Require(string tool) =>
        FindOnPath(tool) ?? throw new InvalidOperationException($"'{tool}' is not on PATH; {InstallHint}.");

    private static string? FindOnPath(string tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

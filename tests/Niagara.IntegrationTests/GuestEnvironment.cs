namespace Niagara.IntegrationTests;

/// <summary>The whole environment both qemu and the simulator run with, so the guest sees the
/// same variables under each (argv_env.c prints their count and some values).</summary>
public static class GuestEnvironment
{
    public static IReadOnlyDictionary<string, string> Fixed { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        ["HOME"] = "/tmp",
        ["LANG"] = "C",
        ["TZ"] = "UTC",
        ["NIAGARA_TEST"] = "1",
    };
}

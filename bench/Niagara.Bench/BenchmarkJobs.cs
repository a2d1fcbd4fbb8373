using BenchmarkDotNet.Jobs;

namespace Niagara.Bench;

/// <summary>What every timed benchmark job shares with the niagara CLI's runtime settings.</summary>
public static class BenchmarkJobs
{
    /// <summary>
    /// <paramref name="job"/> with dynamic PGO off, as src/Niagara/Niagara.csproj sets it.
    /// BenchmarkDotNet builds its own project for the benchmark process, and this project's
    /// TieredPGO setting does not reach that process's runtimeconfig (a probe there read
    /// System.Runtime.TieredPGO unset, so on): until this, the benchmarks measured with PGO on.
    /// </summary>
    public static Job AsTheCli(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.WithEnvironmentVariables(new EnvironmentVariable("DOTNET_TieredPGO", "0"));
    }
}

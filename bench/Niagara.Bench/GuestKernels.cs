using System.Diagnostics;

namespace Niagara.Bench;

/// <summary>
/// The CPU-bound integer programs of tests/programs, built by its build.sh with the cross
/// compiler, at the sizes the benchmarks run them (tens of millions of instructions: long
/// enough to measure the interpreter, short enough for BenchmarkDotNet's iterations).
/// </summary>
public static class GuestKernels
{
    /// <summary>Kernel name -> its argument (passes / size) for the benchmark runs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Arguments = new Dictionary<string, string>
    {
        ["crc32"] = "40",
        ["sieve"] = "1600000",
        ["matmul"] = "150",
        ["mixed"] = "3",
    };

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The -O2 binary of <paramref name="kernel"/>, building it when missing.</summary>
    public static string Binary(string kernel)
    {
        string path = Path.Combine(RepositoryRoot, "tests", "programs", "build", kernel + ".O2");
        if (!File.Exists(path))
        {
            using var build = System.Diagnostics.Process.Start("bash", Path.Combine(RepositoryRoot, "tests", "programs", "build.sh"))
                ?? throw new InvalidOperationException("cannot run tests/programs/build.sh");
            build.WaitForExit();
            if (build.ExitCode != 0 || !File.Exists(path))
            {
                throw new InvalidOperationException($"tests/programs/build.sh did not produce {path}");
            }
        }

        return path;
    }

    // Benchmarks run from BenchmarkDotNet's generated project folder, which may be outside the
    // tree: also look above the working directory and above this source file.
    private static string FindRoot() =>
        FindAbove(AppContext.BaseDirectory)
        ?? FindAbove(Environment.CurrentDirectory)
        ?? FindAbove(Path.GetDirectoryName(SourceFile()) ?? "/")
        ?? throw new InvalidOperationException("Niagara.sln not found above " + AppContext.BaseDirectory);

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

    private static string SourceFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}

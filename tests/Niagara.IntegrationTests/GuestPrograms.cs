namespace Niagara.IntegrationTests;

/// <summary>A test program in tests/programs and the arguments the suite runs it with.</summary>
public sealed record GuestProgram(string Name, IReadOnlyList<string> Arguments);

/// <summary>The differential suite's programs: every tests/programs/*.c, built at -O0 and -O2 by
/// build.sh. A line <c>// ARGS: a b c</c> in the source gives the arguments (split on spaces).</summary>
public static class GuestPrograms
{
    public static IReadOnlyList<string> OptimizationLevels { get; } = ["O0", "O2"];

    private const string ArgsMarker = "// ARGS:";

    public static IEnumerable<string> Names() =>
        Directory.EnumerateFiles(RepoPaths.ProgramsDirectory, "*.c")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    public static GuestProgram Load(string name)
    {
        var source = Path.Combine(RepoPaths.ProgramsDirectory, name + ".c");
        var argsLine = File.ReadLines(source).FirstOrDefault(line => line.StartsWith(ArgsMarker, StringComparison.Ordinal));
        var arguments = argsLine is null
            ? []
            : argsLine[ArgsMarker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new GuestProgram(name, arguments);
    }

    public static string BinaryPath(string name, string optimizationLevel) =>
        Path.Combine(RepoPaths.ProgramsBuildDirectory, $"{name}.{optimizationLevel}");
}

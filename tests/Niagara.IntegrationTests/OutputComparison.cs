using System.Text;

namespace Niagara.IntegrationTests;

/// <summary>Compares a simulator run with the qemu reference and describes the first difference
/// readably (outputs run to tens of kilobytes, too long for a whole-string diff).</summary>
public static class OutputComparison
{
    public static void AssertSame(ProcessResult expected, ProcessResult actual, string what)
    {
        var report = new StringBuilder();
        if (expected.ExitCode != actual.ExitCode)
        {
            report.Append("exit code: qemu ").Append(expected.ExitCode)
                .Append(", simulator ").Append(actual.ExitCode).Append('\n');
        }

        AppendDifference(report, "stdout", expected.Stdout, actual.Stdout);
        AppendDifference(report, "stderr", expected.Stderr, actual.Stderr);
        if (report.Length > 0)
        {
            var stderrTail = actual.Stderr.Length == 0 ? "" : $"simulator stderr (tail):\n{Tail(actual.Stderr)}";
            Assert.Fail($"{what} differs from qemu:\n{report}{stderrTail}");
        }
    }

    private static void AppendDifference(StringBuilder report, string stream, string expected, string actual)
    {
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }

        report.Append(stream).Append(": ").Append(expected.Length).Append(" chars from qemu, ")
            .Append(actual.Length).Append(" from the simulator; first difference on line ").Append(line + 1).Append('\n')
            .Append("  qemu:      ").Append(LineOrEnd(expectedLines, line)).Append('\n')
            .Append("  simulator: ").Append(LineOrEnd(actualLines, line)).Append('\n');
    }

    // Split leaves an empty last element after a final newline: that is the end, not a line.
    private static string LineOrEnd(string[] lines, int index) =>
        index < lines.Length - 1 || (index == lines.Length - 1 && lines[index].Length > 0)
            ? lines[index]
            : "(end of output)";

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}

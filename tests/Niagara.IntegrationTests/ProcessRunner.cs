using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Niagara.IntegrationTests;

/// <summary>Runs a child process, captures stdout and stderr separately, and kills it (with its
/// children) when it outlives the timeout.</summary>
public static class ProcessRunner
{
    /// <param name="environment">The child's whole environment; null inherits the test's.</param>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        string workingDirectory,
        TimeSpan timeout)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            startInfo.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                startInfo.Environment[name] = value;
            }
        }

        var clock = Stopwatch.StartNew();
        using var process = Start(startInfo);

        // The child must not wait on the test host's stdin: it reads end-of-file.
        process.StandardInput.Close();
        var stdout = CaptureAsync(process.StandardOutput.BaseStream);
        var stderr = CaptureAsync(process.StandardError.BaseStream);

        var timedOut = false;
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var stdoutText = Encoding.Latin1.GetString(await stdout);
        var stderrText = Encoding.Latin1.GetString(await stderr);
        return new ProcessResult(timedOut ? -1 : process.ExitCode, stdoutText, stderrText, timedOut, clock.Elapsed);
    }

    private static System.Diagnostics.Process Start(ProcessStartInfo startInfo)
    {
        try
        {
            return System.Diagnostics.Process.Start(startInfo)
                ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {startInfo.FileName}: {e.Message}", e);
        }
    }

    private static async Task<byte[]> CaptureAsync(Stream stream)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

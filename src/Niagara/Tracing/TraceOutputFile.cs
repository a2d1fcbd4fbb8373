namespace Niagara.Tracing;

/// <summary>
/// Where `niagara trace` writes, with the rule that nothing the user gave is lost: an existing
/// file is overwritten only with --force, the guest image never, and the trace is written to a
/// temporary file next to the target and moved into place only when complete, so a failed or
/// interrupted run leaves whatever was there before untouched.
/// </summary>
public sealed class TraceOutputFile
{
    private TraceOutputFile(string path, bool overwrite)
    {
        Path = path;
        Overwrite = overwrite;
    }

    /// <summary>The path as the user gave it (for messages).</summary>
    public string Path { get; }

    public bool Overwrite { get; }

    /// <summary>
    /// Checks <paramref name="path"/> before the run, so a run is not wasted on an output it may
    /// not write. Returns null and says why on <paramref name="error"/> when it cannot be used.
    /// </summary>
    public static TraceOutputFile? Check(string path, bool force, IReadOnlyList<string> inputs, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(error);
        string full = System.IO.Path.GetFullPath(path);
        foreach (string input in inputs)
        {
            if (string.Equals(System.IO.Path.GetFullPath(input), full, StringComparison.Ordinal))
            {
                error.WriteLine($"niagara: {path}: is an input of this run; write the trace elsewhere");
                return null;
            }
        }

        if (Directory.Exists(full))
        {
            error.WriteLine($"niagara: {path}: Is a directory");
            return null;
        }

        if (!Directory.Exists(System.IO.Path.GetDirectoryName(full)))
        {
            error.WriteLine($"niagara: {path}: No such file or directory");
            return null;
        }

        if (File.Exists(full) && !force)
        {
            error.WriteLine($"niagara: {path}: File exists (use --force to overwrite it)");
            return null;
        }

        return new TraceOutputFile(path, force);
    }

    /// <summary>
    /// Writes through <paramref name="write"/> into a temporary file beside the target, then
    /// moves it into place (replacing an existing file only with --force). Returns false after
    /// saying why on <paramref name="error"/>; the temporary file is removed either way.
    /// </summary>
    public bool Write(Action<Stream> write, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(error);
        string full = System.IO.Path.GetFullPath(Path);
        string temporary = System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, full, Overwrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(File.Exists(full) && !Overwrite
                ? $"niagara: {Path}: File exists (created during the run; use --force to overwrite it)"
                : $"niagara: {Path}: {e.Message}");
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

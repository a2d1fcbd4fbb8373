namespace Niagara.Reports;

/// <summary>
/// An output file the user named (`--report`) or a file inside an output directory (`--plots`):
/// checked before the run so a long run does not end in a path that cannot work, and written
/// through a temporary file in the same directory renamed over the target, so a failed or
/// interrupted write never leaves half a file.
/// </summary>
public static class ReportFile
{
    /// <summary>Why <paramref name="path"/> cannot be written as a file, or null if it can.</summary>
    public static string? CheckFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return "empty path";
        }

        if (Directory.Exists(path))
        {
            return $"{path}: Is a directory";
        }

        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return Directory.Exists(directory) ? null : $"{path}: No such directory: {directory}";
    }

    /// <summary>Why <paramref name="path"/> cannot be used as an output directory (it is created if missing), or null if it can.</summary>
    public static string? CheckDirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0)
        {
            return "empty path";
        }

        if (File.Exists(path))
        {
            return $"{path}: Not a directory";
        }

        string? parent = Path.GetDirectoryName(Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar));
        return Directory.Exists(path) || (parent is not null && Directory.Exists(parent)) ? null : $"{path}: No such directory: {parent}";
    }

    /// <summary>Writes <paramref name="path"/> atomically; false (with one line on <paramref name="errors"/>) when it cannot.</summary>
    public static bool Write(string path, Action<Stream> write, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(errors);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            errors.WriteLine($"niagara: {path}: {Reason(e)}");
            return false;
        }
    }

    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "Permission denied",
        DirectoryNotFoundException => "No such file or directory",
        _ => e.Message,
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the target itself was not touched.
        }
    }
}

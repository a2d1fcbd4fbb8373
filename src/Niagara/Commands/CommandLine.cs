using System.CommandLine;

namespace Niagara.Commands;

/// <summary>Builds the command tree (System.CommandLine 3.0) and runs it with the project's exit codes.</summary>
public static class CommandLine
{
    /// <summary>Exit status for bad arguments and bad input files.</summary>
    public const int UsageStatus = 2;

    public static int Run(string[] args)
    {
        var root = new RootCommand("Niagara: an UltraSPARC T1 simulator.")
        {
            ExecCommand.Create(),
            DisasmCommand.Create(),
            MdCommand.Create(),
            RunCommand.Create(outputs: true),
            TraceCommand.Create(),
            ScaleCommand.Create(),
        };

        // Guest arguments are the guest's: no @response-file expansion.
        var parser = new ParserConfiguration { ResponseFileTokenReplacer = null };
        ParseResult result = root.Parse(args, parser);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine($"niagara: {error.Message}");
            }

            Console.Error.WriteLine("usage: niagara exec [--stats] [--max-instructions N] PROG [ARGS...]");
            Console.Error.WriteLine("       niagara disasm FILE");
            Console.Error.WriteLine("Try 'niagara --help' for more.");
            return UsageStatus;
        }

        return result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    /// <summary>Reports a problem with the command line found after parsing (a bad value) and returns <see cref="UsageStatus"/>.</summary>
    public static int UsageError(string message)
    {
        Console.Error.WriteLine($"niagara: {message}");
        return UsageStatus;
    }

    /// <summary>Reads a whole input file, or reports why not ("niagara: FILE: reason") and returns null.</summary>
    public static byte[]? ReadInput(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Console.Error.WriteLine($"niagara: {path}: Is a directory");
                return null;
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"niagara: {path}: No such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"niagara: {path}: Permission denied");
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"niagara: {path}: {e.Message}");
        }

        return null;
    }
}

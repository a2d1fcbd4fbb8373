using Niagara.Commands;

namespace Niagara;

/// <summary>The `niagara` command line.</summary>
public static class Program
{
    /// <summary>Exit status for an unexpected failure of the simulator itself (EX_SOFTWARE).</summary>
    public const int InternalErrorStatus = 70;

    public static int Main(string[] args)
    {
        try
        {
            return CommandLine.Run(args);
        }
        catch (Exception e)
        {
            // Last resort: bad input is reported earlier with a specific message.
            Console.Error.WriteLine($"niagara: internal error: {e.Message}");
            return InternalErrorStatus;
        }
    }
}

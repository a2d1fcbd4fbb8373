using System.Text;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;
using Niagara.Loading;
using Niagara.Machine;

namespace Niagara.Reports.Scaling;

/// <summary>
/// One run of `niagara scale`: the host side (threads, wall time) and the architectural results
/// that must not depend on it (console output, instructions per strand, final cycle, ending).
/// </summary>
public sealed record ScalePoint(
    int HostThreads,
    TimeSpan WallTime,
    ulong TotalInstructions,
    IReadOnlyList<int> StrandIds,
    IReadOnlyList<ulong> Instructions,
    ulong Cycle,
    string Ending,
    byte[] Console)
{
    public double Mips => WallTime.TotalSeconds > 0 ? TotalInstructions / WallTime.TotalSeconds / 1e6 : 0;

    /// <summary>Runs <paramref name="image"/> once on <paramref name="options"/>'s host threads, the guest console kept in memory.</summary>
    public static ScalePoint Run(MachineConfiguration config, GuestImage image, SynchronizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        using var buffer = new MemoryStream();
        using var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true);
        var console = new TextWriterConsole(writer);
        var machine = new Sun4vMachine(config, image.Segments, console);
        SynchronizerResult result = Synchronizer.Run(machine, options);
        console.Flush();
        string ending = machine.Outcome is { } outcome ? outcome.Message : $"cycle limit ({result.Cycle} cycles)";
        return new ScalePoint(options.HostThreads, result.WallTime, result.TotalInstructions, result.StrandIds, result.Instructions, result.Cycle, ending, buffer.ToArray());
    }

    /// <summary>The run of median wall time among <paramref name="runs"/> (the faster middle one of an even count): a real run, not an average.</summary>
    public static ScalePoint Median(IReadOnlyList<ScalePoint> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        return runs.OrderBy(p => p.WallTime).ElementAt((runs.Count - 1) / 2);
    }

    /// <summary>The first architectural difference between this run and <paramref name="reference"/>, or null when there is none.</summary>
    public string? DifferenceFrom(ScalePoint reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (Ending != reference.Ending)
        {
            return $"the run ended differently: \"{reference.Ending}\" vs \"{Ending}\"";
        }

        if (Cycle != reference.Cycle)
        {
            return $"final cycle {reference.Cycle} vs {Cycle}";
        }

        for (int i = 0; i < StrandIds.Count; i++)
        {
            if (Instructions[i] != reference.Instructions[i])
            {
                return $"strand {StrandIds[i]} executed {reference.Instructions[i]} vs {Instructions[i]} instructions";
            }
        }

        if (!Console.AsSpan().SequenceEqual(reference.Console))
        {
            int at = Console.AsSpan().CommonPrefixLength(reference.Console);
            return $"console output differs from byte {at} ({reference.Console.Length} vs {Console.Length} bytes)";
        }

        return null;
    }
}

using System.Globalization;

namespace Niagara.Machine;

/// <summary>
/// The table a machine run ends with (to stderr: stdout carries the guest's console). It only
/// formats what the synchronizer and the machine counted.
/// </summary>
public static class RunReport
{
    /// <param name="clockHz">The configured core clock, to express simulated time.</param>
    public static void Write(TextWriter output, SynchronizerResult result, ulong clockHz)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine("niagara run report");
        output.WriteLine("  strand  instructions        cycles    IPC");
        for (int i = 0; i < result.StrandIds.Count; i++)
        {
            // Functional timing: every strand's clock stands at the last boundary (stopped and
            // idle strands' clocks advance too), so IPC is the share of cycles it executed.
            ulong instructions = result.Instructions[i];
            output.WriteLine(string.Format(c, "  {0,6}  {1,12}  {2,12}  {3,5:F3}", result.StrandIds[i], instructions, result.Cycle, Ratio(instructions, result.Cycle)));
        }

        ulong total = result.TotalInstructions;
        double seconds = result.WallTime.TotalSeconds;
        double mips = seconds > 0 ? total / seconds / 1e6 : 0;
        output.WriteLine(string.Format(c, "  {0,6}  {1,12}", "total", total));
        output.WriteLine(string.Format(c, "  stop            {0}", result.Stop == RunStop.MachineFinished ? "the guest ended the machine" : "cycle limit reached"));
        output.WriteLine(string.Format(c, "  host threads    {0} ({1})", result.HostThreads,
            result.HostThreads == 1 ? "deterministic mode" : $"parallel mode, core c on thread c mod {result.HostThreads}"));
        output.WriteLine(string.Format(c, "  quanta          {0} of {1} cycles, {2:F0} quanta/s", result.Quanta, result.Quantum, seconds > 0 ? result.Quanta / seconds : 0));
        output.WriteLine(string.Format(c, "  simulated time  {0} cycles ({1:F3} ms at {2:F2} GHz)", result.Cycle, result.Cycle * 1e3 / clockHz, clockHz / 1e9));
        output.WriteLine(string.Format(c, "  host wall time  {0:F3} s", seconds));
        output.WriteLine(string.Format(c, "  simulated MIPS  {0:F1} total, {1:F1} per host thread", mips, mips / result.HostThreads));
    }

    private static double Ratio(ulong a, ulong b) => b == 0 ? 0 : (double)a / b;
}

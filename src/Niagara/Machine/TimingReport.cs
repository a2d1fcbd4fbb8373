using System.Globalization;
using Niagara.Strands.Timing;

namespace Niagara.Machine;

/// <summary>
/// The timing section of the run report (`--timing t1`), to stderr after the run report. It
/// only formats a <see cref="TimingSnapshot"/>; the model counts (STYLE.md 8).
/// </summary>
public static class TimingReport
{
    /// <param name="clockHz">The core clock, to turn cycles into time for bandwidths.</param>
    public static void Write(TextWriter output, TimingSnapshot? snapshot, ulong clockHz)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (snapshot is null)
        {
            return;
        }

        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Format(c, "niagara timing report (T1 model, {0} schedule)",
            snapshot.Schedule == TimingSchedule.Parallel ? "parallel quantum" : "cycle-by-cycle reference"));
        output.WriteLine("  strand        cycles  instructions    IPC   CPI stack (% of cycles): issue slot pipe imiss L1miss L2miss atomic fpu muldiv stbuf contend idle");
        foreach (StrandTimingSnapshot s in snapshot.Strands)
        {
            CpiStack k = s.Stack;
            output.WriteLine(string.Format(c,
                "  {0,6}  {1,12}  {2,12}  {3,5:F3}   {4,5:F1} {5,4:F1} {6,4:F1} {7,5:F1} {8,6:F1} {9,6:F1} {10,6:F1} {11,4:F1} {12,6:F1} {13,5:F1} {14,7:F1} {15,5:F1}",
                s.StrandId, s.Cycles, s.Instructions, s.Ipc,
                Percent(k.Issued, s.Cycles), Percent(k.IssueSlot, s.Cycles), Percent(k.Pipeline, s.Cycles), Percent(k.InstructionMiss, s.Cycles),
                Percent(k.L1Miss, s.Cycles), Percent(k.L2Miss, s.Cycles), Percent(k.Atomic, s.Cycles), Percent(k.Fpu, s.Cycles),
                Percent(k.MulDiv, s.Cycles), Percent(k.StoreBuffer, s.Cycles), Percent(k.Contention, s.Cycles), Percent(k.Idle, s.Cycles)));
        }

        output.WriteLine("  core        cycles  instructions    IPC   L1I miss  MPKI   L1D miss  MPKI   L2 MPKI");
        foreach (CoreTimingSnapshot core in snapshot.Cores)
        {
            output.WriteLine(string.Format(c, "  {0,4}  {1,12}  {2,12}  {3,5:F3}   {4,6:P1} {5,6:F2}   {6,6:P1} {7,6:F2}   {8,6:F2}",
                core.Core, core.Cycles, core.Instructions, core.Ipc, core.L1IMissRate, core.L1IMpki, core.L1DMissRate, core.L1DMpki, core.L2Mpki));
        }

        var m = snapshot.Memory;
        ulong cycles = m.Cycles;
        double seconds = clockHz == 0 ? 0 : (double)cycles / clockHz;
        output.WriteLine(string.Format(c, "  L2              {0} hits, {1} misses ({2:P1}), {3:F2} MPKI, {4} write-backs",
            m.TotalL2Hits, m.TotalL2Misses, snapshot.L2MissRate, snapshot.L2Mpki, Sum(m.L2Writebacks)));
        output.WriteLine(string.Format(c, "  crossbar        PCX {0:P1} busy per destination, CPX {1:P1}; {2} + {3} packets",
            TimingSnapshot.Utilisation(m.Pcx.Packets, cycles), TimingSnapshot.Utilisation(m.Cpx.Packets, cycles), Sum(m.Pcx.Packets), Sum(m.Cpx.Packets)));
        output.WriteLine(string.Format(c, "  DRAM            {0:P1} busy per controller, {1} bytes, {2:F2} GB/s",
            TimingSnapshot.Utilisation(m.DramBusyCycles, cycles), snapshot.DramBytes, seconds > 0 ? snapshot.DramBytes / seconds / 1e9 : 0));
        output.WriteLine(string.Format(c, "  FPU             {0} ops, {1} wait cycles; contention charged {2} cycles",
            m.FpuOps, m.FpuWaitCycles, m.ContentionCycles));
    }

    private static double Percent(ulong part, ulong whole) => whole == 0 ? 0 : 100.0 * part / whole;

    private static long Sum(long[] values)
    {
        long total = 0;
        foreach (long v in values)
        {
            total += v;
        }

        return total;
    }
}

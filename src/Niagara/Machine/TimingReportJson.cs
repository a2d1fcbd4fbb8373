using System.Text.Json.Nodes;
using Niagara.Strands.Timing;

namespace Niagara.Machine;

/// <summary>
/// The timing section of the JSON run report (`timing`, docs/report-schema.json): the same
/// figures as <see cref="TimingReport"/>, cycles and counts as integers, rates as fractions.
/// </summary>
public static class TimingReportJson
{
    /// <summary>The section for <paramref name="snapshot"/>, or null in functional mode.</summary>
    public static JsonObject? Build(TimingSnapshot? snapshot, ulong clockHz)
    {
        if (snapshot is null)
        {
            return null;
        }

        var strands = new JsonArray();
        foreach (StrandTimingSnapshot s in snapshot.Strands)
        {
            CpiStack k = s.Stack;
            strands.Add(new JsonObject
            {
                ["id"] = s.StrandId,
                ["cycles"] = s.Cycles,
                ["instructions"] = s.Instructions,
                ["ipc"] = s.Ipc,
                ["cpiStack"] = new JsonObject
                {
                    ["issued"] = k.Issued,
                    ["issueSlot"] = k.IssueSlot,
                    ["pipeline"] = k.Pipeline,
                    ["instructionMiss"] = k.InstructionMiss,
                    ["l1Miss"] = k.L1Miss,
                    ["l2Miss"] = k.L2Miss,
                    ["atomic"] = k.Atomic,
                    ["fpu"] = k.Fpu,
                    ["mulDiv"] = k.MulDiv,
                    ["storeBuffer"] = k.StoreBuffer,
                    ["contention"] = k.Contention,
                    ["idle"] = k.Idle,
                },
            });
        }

        var cores = new JsonArray();
        foreach (CoreTimingSnapshot c in snapshot.Cores)
        {
            cores.Add(new JsonObject
            {
                ["id"] = c.Core,
                ["cycles"] = c.Cycles,
                ["instructions"] = c.Instructions,
                ["ipc"] = c.Ipc,
                ["l1iMissRate"] = c.L1IMissRate,
                ["l1iMpki"] = c.L1IMpki,
                ["l1dMissRate"] = c.L1DMissRate,
                ["l1dMpki"] = c.L1DMpki,
                ["l2Mpki"] = c.L2Mpki,
            });
        }

        var m = snapshot.Memory;
        double seconds = clockHz == 0 ? 0 : (double)m.Cycles / clockHz;
        return new JsonObject
        {
            ["schedule"] = snapshot.Schedule == TimingSchedule.Parallel ? "t1" : "t1-reference",
            ["strands"] = strands,
            ["cores"] = cores,
            ["l2"] = new JsonObject
            {
                ["hits"] = m.TotalL2Hits,
                ["misses"] = m.TotalL2Misses,
                ["missRate"] = snapshot.L2MissRate,
                ["mpki"] = snapshot.L2Mpki,
            },
            ["crossbar"] = new JsonObject
            {
                ["pcxUtilisation"] = TimingSnapshot.Utilisation(m.Pcx.Packets, m.Cycles),
                ["cpxUtilisation"] = TimingSnapshot.Utilisation(m.Cpx.Packets, m.Cycles),
            },
            ["dram"] = new JsonObject
            {
                ["utilisation"] = TimingSnapshot.Utilisation(m.DramBusyCycles, m.Cycles),
                ["bytes"] = snapshot.DramBytes,
                ["bytesPerSecond"] = seconds > 0 ? snapshot.DramBytes / seconds : 0,
            },
            ["contentionCycles"] = m.ContentionCycles,
        };
    }
}

using Niagara.Hypervisor.Machine;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Reports;

/// <summary>
/// A machine as the synchronizer sees it, plus a progress update after every boundary step:
/// the progress line watches the machine from outside, so the synchronizer knows nothing of it.
/// Adds one interface call per strand per quantum, nothing per instruction.
/// </summary>
public sealed class ProgressMachine(IQuantumMachine inner, ProgressLine line, Func<ulong> instructions) : IQuantumMachine
{
    public IReadOnlyList<int> StrandIds => inner.StrandIds;

    public bool Finished => inner.Finished;

    public ulong RunStrand(int strandId, ulong untilCycle) => inner.RunStrand(strandId, untilCycle);

    public bool IsParked(int strandId, ulong untilCycle) => inner.IsParked(strandId, untilCycle);

    public void EndQuantum(ulong cycle)
    {
        inner.EndQuantum(cycle);
        line.Update(cycle, instructions);
    }
}

/// <summary>The guest console with the progress line erased before each piece of guest output (both go to the same terminal).</summary>
public sealed class ProgressConsole(IConsoleDevice inner, ProgressLine line) : IConsoleDevice
{
    public bool IsConfigured => inner.IsConfigured;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        line.Clear();
        inner.Write(bytes);
    }

    public void SendBreak() => inner.SendBreak();

    public ConsoleInputKind Read(out byte character, bool charactersOnly = false) => inner.Read(out character, charactersOnly);

    public ConsoleInputKind Peek() => inner.Peek();

    public void Flush() => inner.Flush();
}

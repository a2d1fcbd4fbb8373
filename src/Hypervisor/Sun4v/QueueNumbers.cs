using Niagara.Strands;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// The four sun4v queues cpu_qconf configures (sun4v reference section 3): their numbers, entry
/// size and the T1's size limits, and where their HEAD/TAIL live in the strand's ASI 0x25
/// registers.
/// </summary>
public static class QueueNumbers
{
    public const ulong CpuMondo = 0x3c;
    public const ulong DevMondo = 0x3d;
    public const ulong ResumableError = 0x3e;
    public const ulong NonresumableError = 0x3f;

    public const int Count = 4;

    /// <summary>Every queue entry (and a mondo) is 64 bytes.</summary>
    public const int EntryBytes = 64;

    /// <summary>MIN_QUEUE_ENTRIES (T1 HV hypervisor.h).</summary>
    public const ulong MinEntries = 2;

    /// <summary>The T1 allows at most 256 entries per queue (reference section 3).</summary>
    public const ulong MaxEntries = 256;

    /// <summary>0..3 for a valid queue number, else -1.</summary>
    public static int IndexOf(ulong queue) => queue is >= CpuMondo and <= NonresumableError ? (int)(queue - CpuMondo) : -1;

    /// <summary>Strand.QueueRegisters index of queue <paramref name="index"/>'s HEAD (TAIL is the next one).</summary>
    public static int HeadRegister(int index) => Strand.CpuMondoHead + (2 * index);
}

using Niagara.Strands.State;

namespace Niagara.Strands.Execution.Memory;

/// <summary>
/// The sun4v register ASIs a guest reaches with LDXA/STXA: ASI_SCRATCHPAD (0x20) and
/// ASI_QUEUE (0x25). Callers have already checked privilege (both ASIs are below 0x80),
/// alignment and that the access is 64 bits wide.
/// </summary>
public static class MachineAsiRegisters
{
    /// <summary>VA of the first queue register (CPU_MONDO_QUEUE_HEAD); 8 registers follow.</summary>
    public const ulong QueueBase = 0x3c0;

    /// <summary>
    /// Reads a scratchpad or queue register. Returns false after raising data_access_exception
    /// for a VA the guest may not use.
    /// </summary>
    public static bool TryLoad(Strand s, int asi, ulong va, out ulong value)
    {
        if (asi == (int)Asi.Scratchpad)
        {
            if (ScratchpadIndex(va) is int pad)
            {
                value = s.Scratchpad[pad];
                return true;
            }
        }
        else if (QueueIndex(va) is int queue)
        {
            value = s.QueueRegisters[queue];
            return true;
        }

        value = 0;
        AlternateSpace.Unsupported(s, va);
        return false;
    }

    /// <summary>
    /// Writes a scratchpad or queue HEAD register. TAIL registers are read-only to the guest:
    /// a store raises data_access_exception and leaves them unchanged (the hypervisor moves
    /// TAIL; OpenSPARC's interrupt_QUEUE_CPU_MONDO test expects an invalid-ASI trap).
    /// A HEAD store tells the trap handler and ends the run slice, so a queue trap that is now
    /// pending (HEAD != TAIL) or no longer pending is evaluated before the next instruction.
    /// </summary>
    public static void Store(Strand s, int asi, ulong va, ulong value)
    {
        if (asi == (int)Asi.Scratchpad)
        {
            if (ScratchpadIndex(va) is int pad)
            {
                s.Scratchpad[pad] = value;
                return;
            }
        }
        else if (QueueIndex(va) is int queue && (queue & 1) == 0)
        {
            s.QueueRegisters[queue] = value;
            s.TrapHandler.OnQueueHeadWritten(s, queue >> 1, value);
            s.Yield();
            return;
        }

        AlternateSpace.Unsupported(s, va);
    }

    /// <summary>
    /// Scratchpad register for VA 0x00..0x38 (step 8), or null. VA 0x20 and 0x28 are
    /// hyperprivileged on the T1 (Linux scratchpad.h: "hypervisor only"; QEMU raises an MMU
    /// fault for a privileged access), so a guest gets data_access_exception.
    /// </summary>
    private static int? ScratchpadIndex(ulong va) =>
        va < 0x40 && va is not (0x20 or 0x28) ? (int)(va >> 3) : null;

    /// <summary>QueueRegisters index for VA 0x3c0..0x3f8 (step 8), or null.</summary>
    private static int? QueueIndex(ulong va) =>
        va - QueueBase < 0x40 ? (int)((va - QueueBase) >> 3) : null;
}

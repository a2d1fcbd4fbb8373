namespace Niagara.Memory.Timing;

/// <summary>What a logged request asks of the chip-shared side.</summary>
public enum MemoryRequestKind : byte
{
    /// <summary>L1I miss: a 32 B fill (two CPX packets).</summary>
    Fetch,

    /// <summary>L1D miss: a 16 B fill.</summary>
    Load,

    /// <summary>A store leaving the store buffer (write-through to the L2).</summary>
    Store,

    /// <summary>CAS/SWAP/LDSTUB performed at the L2 (two PCX packets).</summary>
    Atomic,

    /// <summary>An FP operation sent to the shared FPU.</summary>
    FloatingPoint,
}

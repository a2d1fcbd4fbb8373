namespace Niagara.Memory.Timing;

/// <summary>
/// Sizes and latencies of the T1 memory system at 1.2 GHz. Defaults come from
/// shared/reference/t1-microarchitecture.md; the few numbers the reference does not give are
/// marked "assumed" with the reasoning.
/// </summary>
public sealed record MemoryTimingConfig
{
    public static MemoryTimingConfig Default { get; } = new();

    /// <summary>Strands per core (the T1 has 4).</summary>
    public int StrandsPerCore { get; init; } = 4;

    /// <summary>L1 I-cache: 16 KB, 4-way, 32 B lines [UA s1.3.1.1].</summary>
    public int L1ISizeBytes { get; init; } = 16 * 1024;
    public int L1IWays { get; init; } = 4;
    public int L1ILineBytes { get; init; } = 32;

    /// <summary>L1 D-cache: 8 KB, 4-way, 16 B lines, write-through, no write-allocate [UA s1.3.1.3].</summary>
    public int L1DSizeBytes { get; init; } = 8 * 1024;
    public int L1DWays { get; init; } = 4;
    public int L1DLineBytes { get; init; } = 16;

    /// <summary>Store buffer entries per strand [UA s1.3.1.3].</summary>
    public int StoreBufferEntries { get; init; } = 8;

    /// <summary>L2: 3 MB, 12-way, 64 B lines, 4 banks by PA[7:6], write-back [UA s1.3.4].</summary>
    public int L2SizeBytes { get; init; } = 3 * 1024 * 1024;
    public int L2Ways { get; init; } = 12;
    public int L2LineBytes { get; init; } = 64;
    public int L2Banks { get; init; } = 4;

    /// <summary>DDR2 controllers, one per L2 bank [UA s1.3.5].</summary>
    public int DramControllers { get; init; } = 4;

    /// <summary>Load-use latency of an L1D hit [KAO].</summary>
    public int L1HitLatency { get; init; } = 3;

    /// <summary>Unloaded latency of an L1D miss that hits the L2 [UA s1.3.4].</summary>
    public int L2LoadLatency { get; init; } = 23;

    /// <summary>Unloaded latency of an L1I miss that hits the L2 [UA s1.3.4].</summary>
    public int L2FetchLatency { get; init; } = 22;

    /// <summary>
    /// Unloaded load-to-use latency of an L2 miss: 107.5 ns (LMBench on the T2000 [AT1]) at
    /// 1.2 GHz = 129 cycles, the reference's 125-130 range.
    /// </summary>
    public int DramLoadLatency { get; init; } = 129;

    /// <summary>Crossbar request/arbitrate/transmit stages, core to L2 bank or FPU [UA s3.2].</summary>
    public int CrossbarCycles { get; init; } = 3;

    /// <summary>L2 bank pipeline for a load and for an I-miss [UA s4.1].</summary>
    public int L2BankLoadPipeline { get; init; } = 8;
    public int L2BankFetchPipeline { get; init; } = 9;

    /// <summary>Cycles one access holds a bank's data array [UA s4.1] (so a bank takes one access per 2 cycles).</summary>
    public int L2BankBusyCycles { get; init; } = 2;

    /// <summary>
    /// Cycles a DRAM channel's data bus is busy per 64 B line: 25 GB/s peak over 4 channels
    /// [UA s1.3.5] is 6.25 GB/s each, 10.24 ns per line, 12 cycles at 1.2 GHz.
    /// </summary>
    public int DramTransferCycles { get; init; } = 12;

    /// <summary>DDR2 banks per channel (assumed: 8, the DDR2 device standard for 1 Gb parts).</summary>
    public int DramBanksPerController { get; init; } = 8;

    /// <summary>
    /// Cycles a DRAM bank stays busy per access. Banks are closed after each access [UA s8.1],
    /// so every access pays a row cycle; assumed tRC 55 ns (DDR2-533) = 66 cycles.
    /// </summary>
    public int DramBankBusyCycles { get; init; } = 66;

    /// <summary>
    /// Store-ack latency of a store that hits the L2 (assumed: the load round trip, 23 cycles;
    /// a store that misses waits for the DRAM fill, DramLoadLatency).
    /// </summary>
    public int L2StoreLatency { get; init; } = 23;

    /// <summary>
    /// Crossbar round trip and FFU overhead of an FP op, added to the FPU pipe latency:
    /// GCC's niagara model gives 26 for FADD whose pipe is 4 [UA Tab 7-2], so 22; the same 22
    /// reproduces GCC's FMUL 29 (7), FDIVs 54 (32) and FDIVd 83 (61).
    /// </summary>
    public int FpuRoundTripCycles { get; init; } = 22;

    /// <summary>FPU pipe latencies [UA Tab 7-2, s7.1.6].</summary>
    public int FpAddLatency { get; init; } = 4;
    public int FpConvertFromIntegerLatency { get; init; } = 5;
    public int FpMultiplyLatency { get; init; } = 7;
    public int FpDivideSingleLatency { get; init; } = 32;
    public int FpDivideDoubleLatency { get; init; } = 61;

    /// <summary>
    /// Cycles of future each shared resource's reservation calendar covers (a power of two; it
    /// grows by itself when a quantum needs more). Not a T1 parameter: a model bound.
    /// </summary>
    public int ContentionWindowCycles { get; init; } = 65536;

    /// <summary>Throws ArgumentException naming the first bad field.</summary>
    public void Validate()
    {
        RequirePowerOfTwo(L1ISizeBytes, nameof(L1ISizeBytes));
        RequirePowerOfTwo(L1IWays, nameof(L1IWays));
        RequirePowerOfTwo(L1ILineBytes, nameof(L1ILineBytes));
        RequirePowerOfTwo(L1DSizeBytes, nameof(L1DSizeBytes));
        RequirePowerOfTwo(L1DWays, nameof(L1DWays));
        RequirePowerOfTwo(L1DLineBytes, nameof(L1DLineBytes));
        RequirePowerOfTwo(L2LineBytes, nameof(L2LineBytes));
        RequirePowerOfTwo(L2Banks, nameof(L2Banks));
        RequirePowerOfTwo(DramBanksPerController, nameof(DramBanksPerController));
        RequirePowerOfTwo(ContentionWindowCycles, nameof(ContentionWindowCycles));
        if (ContentionWindowCycles < 1024)
        {
            throw new ArgumentException($"ContentionWindowCycles must be at least 1024, got {ContentionWindowCycles}");
        }
        RequirePositive(L2Ways, nameof(L2Ways));
        RequirePositive(StrandsPerCore, nameof(StrandsPerCore));
        RequirePositive(StoreBufferEntries, nameof(StoreBufferEntries));
        RequirePositive(DramControllers, nameof(DramControllers));
        if (L2SizeBytes <= 0 || L2SizeBytes % (L2Banks * L2Ways * L2LineBytes) != 0
            || !IsPowerOfTwo(L2SizeBytes / (L2Banks * L2Ways * L2LineBytes)))
        {
            throw new ArgumentException($"L2SizeBytes {L2SizeBytes} must give a power-of-two set count per bank");
        }
        if (L1ISizeBytes < L1IWays * L1ILineBytes || L1DSizeBytes < L1DWays * L1DLineBytes)
        {
            throw new ArgumentException("an L1 must hold at least one set");
        }
        if (L1ILineBytes > L2LineBytes || L1DLineBytes > L2LineBytes)
        {
            throw new ArgumentException("L1 lines must not be larger than L2 lines");
        }
        if (L2LoadLatency < CrossbarCycles + L2BankLoadPipeline || L2FetchLatency < CrossbarCycles + L2BankFetchPipeline
            || DramLoadLatency < L2LoadLatency || L2StoreLatency < CrossbarCycles + L2BankLoadPipeline)
        {
            throw new ArgumentException("latencies must cover the crossbar and bank pipeline, and DRAM must be slower than the L2");
        }
    }

    /// <summary>Cycles a DRAM access adds beyond the L2 hit path (the DRAM leg of a miss).</summary>
    public int DramExtraLatency => DramLoadLatency - L2LoadLatency;

    private static bool IsPowerOfTwo(int v) => v > 0 && (v & (v - 1)) == 0;

    private static void RequirePowerOfTwo(int v, string name)
    {
        if (!IsPowerOfTwo(v))
        {
            throw new ArgumentException($"{name} must be a power of two, got {v}");
        }
    }

    private static void RequirePositive(int v, string name)
    {
        if (v <= 0)
        {
            throw new ArgumentException($"{name} must be positive, got {v}");
        }
    }
}

namespace Niagara.Hypervisor.Configuration;

/// <summary>
/// A typed machine configuration: the strands (cores x strands per core), the guest's memory as
/// one real-address range, the clocks, the console and the platform identity. Build one with
/// object initialisers, then call <see cref="Validate"/> (every error, for a report) or
/// <see cref="EnsureValid"/> (throws <see cref="InvalidConfigurationException"/> with a one-line
/// message). The machine description is built from a valid configuration only.
/// </summary>
public sealed record MachineConfiguration
{
    public static MachineConfiguration Default { get; } = new();

    /// <summary>Cores in use, 1..8. Core c holds strands 4c..4c+3.</summary>
    public int Cores { get; init; } = 1;

    /// <summary>Strands enabled in every core, 1..4 (the lowest-numbered ones).</summary>
    public int StrandsPerCore { get; init; } = 1;

    /// <summary>First real address of the guest's memory (the MD's mblock "base").</summary>
    public ulong MemoryBase { get; init; }

    /// <summary>Bytes of guest memory (the MD's mblock "size").</summary>
    public ulong MemorySize { get; init; } = 256UL * 1024 * 1024;

    /// <summary>Core clock in Hz (the cpu nodes' "clock-frequency").</summary>
    public ulong ClockFrequencyHz { get; init; } = T1Limits.DefaultClockFrequencyHz;

    /// <summary>
    /// STICK rate in Hz; 0 means "the core clock". The T1 keeps one counter for TICK and STICK,
    /// so on real parts both advance with the core clock.
    /// </summary>
    public ulong StickFrequencyHz { get; init; }

    public ConsoleConfiguration Console { get; init; } = ConsoleConfiguration.Default;

    public PlatformIdentity Platform { get; init; } = PlatformIdentity.Default;

    public int StrandCount => Cores * StrandsPerCore;

    /// <summary>The STICK rate guests are told, with 0 resolved to the core clock.</summary>
    public ulong EffectiveStickFrequencyHz => StickFrequencyHz == 0 ? ClockFrequencyHz : StickFrequencyHz;

    /// <summary>One past the highest strand id; ids are sparse when a core has unused strands.</summary>
    public int StrandIdLimit => T1Limits.StrandId(Cores - 1, StrandsPerCore - 1) + 1;

    /// <summary>The enabled strands' ids in increasing order (core*4 + strand).</summary>
    public IReadOnlyList<int> StrandIds()
    {
        var ids = new int[StrandCount];
        int n = 0;
        for (int core = 0; core < Cores; core++)
        {
            for (int strand = 0; strand < StrandsPerCore; strand++)
                ids[n++] = T1Limits.StrandId(core, strand);
        }
        return ids;
    }

    /// <summary>Every invalid field, in declaration order; empty when the configuration is valid.</summary>
    public IReadOnlyList<ConfigurationError> Validate()
    {
        var errors = new List<ConfigurationError>();
        if (Cores is < 1 or > T1Limits.MaxCores)
            errors.Add(new ConfigurationError("cores", $"{Cores} is outside 1..{T1Limits.MaxCores} (a T1 has {T1Limits.MaxCores} cores)"));
        if (StrandsPerCore is < 1 or > T1Limits.MaxStrandsPerCore)
            errors.Add(new ConfigurationError("strands-per-core", $"{StrandsPerCore} is outside 1..{T1Limits.MaxStrandsPerCore} (a T1 core has {T1Limits.MaxStrandsPerCore} strands)"));
        ValidateMemory(errors);
        ValidateClocks(errors);
        Console.Validate(errors);
        Platform.Validate(errors);
        return errors;
    }

    /// <summary>Returns this configuration, or throws <see cref="InvalidConfigurationException"/> naming every bad field.</summary>
    public MachineConfiguration EnsureValid()
    {
        var errors = Validate();
        if (errors.Count != 0)
            throw new InvalidConfigurationException(errors);
        return this;
    }

    private void ValidateMemory(List<ConfigurationError> errors)
    {
        const ulong page = T1Limits.PageSize;
        if (MemorySize == 0)
            errors.Add(new ConfigurationError("memory.size", "must not be 0"));
        else if (MemorySize % page != 0)
            errors.Add(new ConfigurationError("memory.size", $"0x{MemorySize:x} is not a multiple of the 8 KB page"));
        else if (MemorySize > T1Limits.MaxMemorySize)
            errors.Add(new ConfigurationError("memory.size", $"0x{MemorySize:x} exceeds 32 GB, the most a T2000 holds"));

        if (MemoryBase % page != 0)
            errors.Add(new ConfigurationError("memory.base", $"0x{MemoryBase:x} is not aligned to the 8 KB page"));
        else if (MemoryBase >= T1Limits.MemoryAddressLimit || MemorySize > T1Limits.MemoryAddressLimit - MemoryBase)
            errors.Add(new ConfigurationError("memory.base", $"range 0x{MemoryBase:x} + 0x{MemorySize:x} reaches past 2^39, where T1 physical addresses select I/O"));
    }

    private void ValidateClocks(List<ConfigurationError> errors)
    {
        if (ClockFrequencyHz is < T1Limits.MinFrequencyHz or > T1Limits.MaxClockFrequencyHz)
            errors.Add(new ConfigurationError("clock-frequency", $"{ClockFrequencyHz} Hz is outside 1 MHz..2 GHz (T1 parts ran at 1.0-1.4 GHz; is the unit Hz?)"));
        if (StickFrequencyHz != 0 && StickFrequencyHz < T1Limits.MinFrequencyHz)
            errors.Add(new ConfigurationError("stick-frequency", $"{StickFrequencyHz} Hz is below 1 MHz (is the unit Hz?)"));
        else if (StickFrequencyHz > ClockFrequencyHz)
            errors.Add(new ConfigurationError("stick-frequency", $"{StickFrequencyHz} Hz is faster than the {ClockFrequencyHz} Hz core clock"));
    }
}

using Niagara.Hypervisor.Configuration;

namespace Niagara.Machine;

/// <summary>Turns the command line's machine options (--strands, --memory) into a typed, valid <see cref="MachineConfiguration"/>.</summary>
public static class ChipLayout
{
    /// <summary>`niagara run` and `niagara md` default to the whole chip.</summary>
    public const int DefaultStrands = T1Limits.MaxStrands;

    /// <summary>
    /// Places <paramref name="strands"/> on as few cores as the chip allows: the fewest cores c
    /// with strands = c x k, k &lt;= 4 strands per core (every core of a configuration enables the
    /// same strands). 8 is 2 cores x 4, 6 is 2 x 3, 5 is 5 x 1; 11 has no such layout.
    /// </summary>
    public static MachineConfiguration ForStrands(int strands, ulong memorySize)
    {
        if (strands is < 1 or > T1Limits.MaxStrands)
        {
            throw new InvalidConfigurationException(
                "strands", $"{strands} is outside 1..{T1Limits.MaxStrands} (a T1 has {T1Limits.MaxCores} cores x {T1Limits.MaxStrandsPerCore} strands)");
        }

        for (int cores = 1; cores <= T1Limits.MaxCores; cores++)
        {
            if (strands % cores == 0 && strands / cores <= T1Limits.MaxStrandsPerCore)
            {
                return new MachineConfiguration { Cores = cores, StrandsPerCore = strands / cores, MemorySize = memorySize }.EnsureValid();
            }
        }

        throw new InvalidConfigurationException(
            "strands", $"{strands} strands do not split evenly over at most {T1Limits.MaxCores} cores of at most {T1Limits.MaxStrandsPerCore} strands");
    }

    /// <summary>Parses the option texts (null: the default) and lays the chip out; throws <see cref="InvalidConfigurationException"/>.</summary>
    public static MachineConfiguration Parse(string? strands, string? memory)
    {
        int count = strands is null ? DefaultStrands : ConfigurationValues.ParseCount("strands", strands, 1, int.MaxValue);
        ulong size = memory is null ? MachineConfiguration.Default.MemorySize : ConfigurationValues.ParseByteSize("memory", memory);
        return ForStrands(count, size);
    }
}

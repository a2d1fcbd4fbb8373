using Niagara.Hypervisor.Configuration;

namespace Niagara.Hypervisor.Tests;

public class ConfigurationTests
{
    private const ulong MiB = 1024 * 1024;
    private const ulong GiB = 1024 * MiB;

    [Fact]
    public void Default_IsValidOneStrandAt1200MHz()
    {
        var c = MachineConfiguration.Default;
        Assert.Empty(c.Validate());
        Assert.Equal(1, c.StrandCount);
        Assert.Equal(1_200_000_000UL, c.ClockFrequencyHz);
        Assert.Equal(c.ClockFrequencyHz, c.EffectiveStickFrequencyHz);
        Assert.Same(c, c.EnsureValid());
    }

    [Theory]
    [InlineData(1, 1, new[] { 0 })]
    [InlineData(1, 4, new[] { 0, 1, 2, 3 })]
    [InlineData(2, 1, new[] { 0, 4 })]
    [InlineData(3, 2, new[] { 0, 1, 4, 5, 8, 9 })]
    public void StrandIds_AreCoreTimesFourPlusStrand(int cores, int perCore, int[] expected)
    {
        var c = new MachineConfiguration { Cores = cores, StrandsPerCore = perCore };
        Assert.Equal(expected, c.StrandIds());
        Assert.Equal(expected.Length, c.StrandCount);
        Assert.Equal(expected[^1] + 1, c.StrandIdLimit);
    }

    [Fact]
    public void FullChip_Has32StrandsNumbered0To31()
    {
        var c = new MachineConfiguration { Cores = 8, StrandsPerCore = 4 };
        Assert.Empty(c.Validate());
        Assert.Equal(Enumerable.Range(0, 32), c.StrandIds());
    }

    [Theory]
    [InlineData(0, 1, "cores")]
    [InlineData(9, 1, "cores")]
    [InlineData(1, 0, "strands-per-core")]
    [InlineData(1, 5, "strands-per-core")]
    public void StrandCounts_OutsideTheChip_AreRefusedByField(int cores, int perCore, string field)
    {
        var errors = new MachineConfiguration { Cores = cores, StrandsPerCore = perCore }.Validate();
        var e = Assert.Single(errors);
        Assert.Equal(field, e.Field);
    }

    [Theory]
    [InlineData(0UL, 0UL, "memory.size", "must not be 0")]
    [InlineData(0UL, 4097UL, "memory.size", "8 KB page")]
    [InlineData(0UL, 33UL * GiB, "memory.size", "32 GB")]
    [InlineData(0x1000UL, 256UL * MiB, "memory.base", "8 KB page")]
    [InlineData((1UL << 39) - (128UL * MiB), 256UL * MiB, "memory.base", "2^39")]
    public void MemoryOutsideTheT1Limits_IsRefusedWithReason(ulong baseAddress, ulong size, string field, string reason)
    {
        var errors = new MachineConfiguration { MemoryBase = baseAddress, MemorySize = size }.Validate();
        var e = Assert.Single(errors);
        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_UpTo32GBBelowTheIoBit_IsAccepted()
    {
        var c = new MachineConfiguration { MemoryBase = (1UL << 39) - (32 * GiB), MemorySize = 32 * GiB };
        Assert.Empty(c.Validate());
    }

    [Theory]
    [InlineData(1_200UL, 0UL, "clock-frequency")]              // 1.2 kHz: a unit mistake
    [InlineData(3_000_000_000UL, 0UL, "clock-frequency")]
    [InlineData(1_200_000_000UL, 1_000UL, "stick-frequency")]
    [InlineData(1_200_000_000UL, 1_500_000_000UL, "stick-frequency")]
    public void Clocks_AreCheckedForUnitsAndOrder(ulong clock, ulong stick, string field)
    {
        var errors = new MachineConfiguration { ClockFrequencyHz = clock, StickFrequencyHz = stick }.Validate();
        Assert.Equal(field, Assert.Single(errors).Field);
    }

    [Fact]
    public void SlowFpgaLikeClock_IsAccepted() =>
        Assert.Empty(new MachineConfiguration { ClockFrequencyHz = 5_000_000 }.Validate());

    [Fact]
    public void StickFrequency_WhenGiven_IsUsed()
    {
        var c = new MachineConfiguration { StickFrequencyHz = 150_000_000 };
        Assert.Empty(c.Validate());
        Assert.Equal(150_000_000UL, c.EffectiveStickFrequencyHz);
    }

    [Fact]
    public void Console_FilePathMustMatchTheSink()
    {
        Assert.Equal("console.file", Assert.Single(new MachineConfiguration { Console = new ConsoleConfiguration(ConsoleSink.File) }.Validate()).Field);
        Assert.Equal("console.file", Assert.Single(new MachineConfiguration { Console = new ConsoleConfiguration(ConsoleSink.Stdout, "x.txt") }.Validate()).Field);
        Assert.Empty(new MachineConfiguration { Console = new ConsoleConfiguration(ConsoleSink.File, "console.txt") }.Validate());
        Assert.Empty(new MachineConfiguration { Console = new ConsoleConfiguration(ConsoleSink.Null) }.Validate());
    }

    [Fact]
    public void PlatformIdentity_WidthsAreChecked()
    {
        var errors = new MachineConfiguration { Platform = new PlatformIdentity(HostId: 1UL << 32, MacAddress: 1UL << 48) }.Validate();
        Assert.Equal(new[] { "platform.hostid", "platform.mac-address" }, errors.Select(e => e.Field));
    }

    [Fact]
    public void EnsureValid_ThrowsOneLineMessageNamingEveryBadField()
    {
        var c = new MachineConfiguration { Cores = 0, MemorySize = 0, ClockFrequencyHz = 5 };
        var ex = Assert.Throws<InvalidConfigurationException>(() => c.EnsureValid());
        Assert.Equal(3, ex.Errors.Count);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.StartsWith("invalid machine configuration: cores: 0 is outside 1..8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("memory.size: must not be 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("clock-frequency: 5 Hz", ex.Message, StringComparison.Ordinal);
        Assert.Equal(78, InvalidConfigurationException.ExitCode);
    }

    [Theory]
    [InlineData("256M", 256UL * MiB)]
    [InlineData("1G", GiB)]
    [InlineData("32GiB", 32 * GiB)]
    [InlineData("8k", 8192UL)]
    [InlineData("0x10000000", 256UL * MiB)]
    [InlineData("4096", 4096UL)]
    [InlineData("1_048_576", MiB)]
    public void ParseByteSize_AcceptsSuffixesAndHex(string text, ulong expected) =>
        Assert.Equal(expected, ConfigurationValues.ParseByteSize("memory.size", text));

    [Theory]
    [InlineData("")]
    [InlineData("12Q")]
    [InlineData("M")]
    [InlineData("0x")]
    [InlineData("-1G")]
    [InlineData("99999999999T")]
    public void ParseByteSize_RejectsGarbageNamingTheField(string text)
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => ConfigurationValues.ParseByteSize("memory.size", text));
        Assert.Equal("memory.size", Assert.Single(ex.Errors).Field);
    }

    [Theory]
    [InlineData("1.2GHz", 1_200_000_000UL)]
    [InlineData("1200MHz", 1_200_000_000UL)]
    [InlineData("5000 kHz", 5_000_000UL)]
    [InlineData("150000000", 150_000_000UL)]
    [InlineData("1.2ghz", 1_200_000_000UL)]
    public void ParseFrequency_AcceptsUnits(string text, ulong expected) =>
        Assert.Equal(expected, ConfigurationValues.ParseFrequency("clock-frequency", text));

    [Theory]
    [InlineData("fast")]
    [InlineData("1.5Hz")]
    [InlineData("1.2 THz")]
    public void ParseFrequency_RejectsGarbage(string text) =>
        Assert.Equal("clock-frequency", Assert.Single(Assert.Throws<InvalidConfigurationException>(
            () => ConfigurationValues.ParseFrequency("clock-frequency", text)).Errors).Field);

    [Fact]
    public void ParseCountAndConsole_ParseOrNameTheField()
    {
        Assert.Equal(4, ConfigurationValues.ParseCount("cores", "4", 1, 8));
        Assert.Contains("outside 1..8", Assert.Throws<InvalidConfigurationException>(() => ConfigurationValues.ParseCount("cores", "9", 1, 8)).Message, StringComparison.Ordinal);
        Assert.Equal(new ConsoleConfiguration(ConsoleSink.File, "out.txt"), ConfigurationValues.ParseConsole("console", "file:out.txt"));
        Assert.Equal(ConsoleSink.Null, ConfigurationValues.ParseConsole("console", "none").Sink);
        Assert.Equal(ConsoleSink.Stdout, ConfigurationValues.ParseConsole("console", "stdout").Sink);
        Assert.Throws<InvalidConfigurationException>(() => ConfigurationValues.ParseConsole("console", "file:"));
    }
}

namespace Niagara.IntegrationTests;

/// <summary>`niagara run` and `niagara md` refusing input: a clear one-line message and the documented exit status.</summary>
public sealed class RunCliErrorTests : IDisposable
{
    private const int UsageStatus = 2;
    private const int ConfigStatus = 78;
    private readonly string _directory = Directory.CreateTempSubdirectory("niagara-run-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Run_TextFile_IsNotAnElfFile()
    {
        string path = Write("notes.elf", "hello"u8.ToArray());

        var result = await Niagara("run", path);

        Assert.Equal(UsageStatus, result.ExitCode);
        Assert.Equal($"niagara: {path}: not an ELF file\n", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Run_LinuxProgram_IsNotASun4vGuest()
    {
        string path = Write("linux.elf", GuestElfBuilder.Build(0x100af4, [(0x100000, new byte[0x1000], 0x1000)]));

        var result = await Niagara("run", path);

        Assert.Equal(UsageStatus, result.ExitCode);
        Assert.Equal($"niagara: {path}: the image starts at 0x100000, not at the guest memory base 0x0 where the hypervisor enters it (base + 0x20): not a sun4v guest image\n", result.Stderr);
    }

    [Fact]
    public async Task Run_ImageLargerThanMemory_SaysToGiveMoreMemory()
    {
        string path = Write("big.elf", GuestElfBuilder.Guest(0x0, memorySize: 3UL << 20));

        var result = await Niagara("run", "--memory", "2M", path);

        Assert.Equal(UsageStatus, result.ExitCode);
        Assert.EndsWith("lies outside guest memory 0x0..0x200000 (give the guest more --memory)\n", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingImage_SaysSo()
    {
        var result = await Niagara("run", Path.Combine(_directory, "absent.elf"));

        Assert.Equal(UsageStatus, result.ExitCode);
        Assert.EndsWith("absent.elf: No such file or directory\n", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--strands", "33", "strands: 33 is outside 1..32 (a T1 has 8 cores x 4 strands)")]
    [InlineData("--strands", "11", "strands: 11 strands do not split evenly over at most 8 cores of at most 4 strands")]
    [InlineData("--memory", "64G", "memory.size: 0x1000000000 exceeds 32 GB, the most a T2000 holds")]
    [InlineData("--memory", "1000", "memory.size: 0x3e8 is not a multiple of the 8 KB page")]
    [InlineData("--quantum", "0", "quantum: 0 is outside 1..4294967296 cycles")]
    [InlineData("--host-threads", "9", "host-threads: 9 is outside 1..8")]
    [InlineData("--max-cycles", "lots", "max-cycles: 'lots' is not a number (decimal or 0x-hex)")]
    public async Task Run_ConfigurationTheChipCannotHave_ExitsWithConfigStatus(string option, string value, string message)
    {
        // The image is checked after the configuration: a valid one shows the order does not matter here.
        string path = Write("guest.elf", GuestElfBuilder.Guest(0x0));

        var result = await Niagara("run", option, value, path);

        Assert.Equal(ConfigStatus, result.ExitCode);
        Assert.Equal($"niagara: invalid machine configuration: {message}\n", result.Stderr);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Md_TooManyStrands_ExitsWithConfigStatus()
    {
        var result = await Niagara("md", "--strands", "64");

        Assert.Equal(ConfigStatus, result.ExitCode);
        Assert.Equal("niagara: invalid machine configuration: strands: 64 is outside 1..32 (a T1 has 8 cores x 4 strands)\n", result.Stderr);
    }

    [Fact]
    public async Task Md_SixStrands_AreTwoCoresOfThree()
    {
        var result = await Niagara("md", "--strands", "6", "--memory", "64M");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("machine description v1.0", result.Stdout, StringComparison.Ordinal);
        // Strands 0-2 and 4-6: ids are core*4 + strand, so max-#cpus is one past 6.
        Assert.Contains("max-#cpus = 7", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(6, result.Stdout.Split("\nnode ").Count(n => n.Contains(" cpu {", StringComparison.Ordinal)));
        Assert.Contains("size = 0x4000000", result.Stdout, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private Task<ProcessResult> Niagara(params string[] arguments) =>
        ProcessRunner.RunAsync(SimulatorCli.DotnetHost, [SimulatorCli.AssemblyPath, .. arguments], null, _directory, TimeSpan.FromMinutes(1));
}

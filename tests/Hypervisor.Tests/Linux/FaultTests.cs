namespace Niagara.Hypervisor.Tests.Linux;

public sealed class FaultTests
{
    [Fact]
    public void NullLoad_IsSigsegvWithTheInstructionAndFaultAddress()
    {
        var g = new GuestHarness([Words.Nop, Words.LoadNullPlus8]).Run();
        Assert.Equal(128 + 11, g.Process.Exit!.ExitStatus);
        Assert.Equal(
            $"niagara: guest killed by SIGSEGV at pc 0x{GuestHarness.CodeBase + 4:x}: ldx [8], %o0 (fault address 0x8)",
            g.Process.Exit.Report);
    }

    [Fact]
    public void IllegalInstruction_IsSigill()
    {
        var g = new GuestHarness([Words.Illtrap]).Run();
        Assert.Equal(128 + 4, g.Process.Exit!.ExitStatus);
        Assert.Contains("killed by SIGILL", g.Process.Exit.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void ThirtyTwoBitSyscallTrap_IsSigill()
    {
        var g = new GuestHarness([Words.Ta(0x10)]).Run();
        Assert.Equal(128 + 4, g.Process.Exit!.ExitStatus);
        Assert.Contains("ta 0x10", g.Process.Exit.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void BreakpointTrap_IsSigtrap()
    {
        var g = new GuestHarness([Words.Ta(1)]).Run();
        Assert.Equal(128 + 5, g.Process.Exit!.ExitStatus);
    }
}

using Niagara.Hypervisor.Linux;

namespace Niagara.Hypervisor.Tests.Linux;

public sealed class WindowTrapTests
{
    /// <summary>n SAVEs each setting %l0 = depth, then n RESTOREs adding every %l0 into %g2.</summary>
    private static uint[] Nest(int depth)
    {
        var code = new List<uint>();
        for (int i = 1; i <= depth; i++)
        {
            code.Add(Words.Save);
            code.Add(Words.MovL0(i % 2048));
        }

        for (int i = 0; i < depth; i++)
        {
            code.Add(Words.AddG2L0);
            code.Add(Words.Restore);
        }

        code.Add(Words.Illtrap);
        return code.ToArray();
    }

    private static ulong ExpectedSum(int depth)
    {
        ulong sum = 0;
        for (int i = 1; i <= depth; i++)
        {
            sum += (ulong)(i % 2048);
        }

        return sum;
    }

    [Fact]
    public void SpillAndFill_TwelveFrames_RestoreEveryLocal()
    {
        var g = new GuestHarness(Nest(12)).Run();
        Assert.Equal(ExpectedSum(12), g.Strand.GetRegister(2));
        Assert.True(g.Process.WindowTrapCount >= 12, $"{g.Process.WindowTrapCount} window traps");
        Assert.Equal(6, g.Strand.CanSave);
        Assert.Equal(0, g.Strand.CanRestore);
    }

    [Fact]
    public void Spill_WritesLocalsAndInsToTheBiasedStackFrame()
    {
        var g = new GuestHarness(Nest(7));
        ulong sp = g.Strand.GetRegister(14);
        g.Strand.SetRegister(17, 0x1111); // %l1
        g.Strand.SetRegister(31, 0x7777); // %i7
        g.Run(2 * 7);

        // The seventh SAVE spilled the oldest window, the program's own, at its %sp + 2047:
        // %l0-%l7 then %i0-%i7, a doubleword each.
        Assert.Equal(1L, g.Process.WindowTrapCount);
        Assert.Equal(0x1111UL, g.Memory.ReadU64(sp + 2047 + 8));
        Assert.Equal(0x7777UL, g.Memory.ReadU64(sp + 2047 + (15 * 8)));
    }

    [Fact]
    public void SpillAndFill_HundredThousandFrames_Work()
    {
        const int depth = 100_000;
        var g = new GuestHarness(Nest(depth), stackSize: 32UL << 20).Run(10_000_000);
        Assert.Equal(ExpectedSum(depth), g.Strand.GetRegister(2));
        Assert.Equal(132, g.Process.Exit!.ExitStatus); // the closing illtrap
    }

    [Fact]
    public void Spill_ToUnmappedStack_IsSigsegv()
    {
        var g = new GuestHarness(Nest(8));
        g.Strand.SetRegister(14, 0x10_0000_0000UL - 2047);
        g.Run();
        Assert.Equal(139, g.Process.Exit!.ExitStatus);
        Assert.Contains("killed by SIGSEGV", g.Process.Exit.Report, StringComparison.Ordinal);
        Assert.Contains("save", g.Process.Exit.Report, StringComparison.Ordinal);
    }

    [Fact]
    public void Flushw_SpillsEveryRestorableWindow()
    {
        var code = new List<uint> { Words.Save, Words.Save, Words.Save, Words.Flushw, Words.Illtrap };
        var g = new GuestHarness(code.ToArray()).Run();
        Assert.Equal(0, g.Strand.CanRestore);
        Assert.Equal(6, g.Strand.CanSave);
        Assert.Equal(3L, g.Process.WindowTrapCount);
    }
}

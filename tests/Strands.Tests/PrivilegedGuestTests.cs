using Niagara.Memory;
using Niagara.Strands.State;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

/// <summary>
/// A one-strand sun4v guest for tests: a real-address range at <see cref="RaBase"/> whose
/// first bytes are the real-mode trap table (RTBA), the program at <see cref="Entry"/>, the
/// privileged trap table at <see cref="TrapTable"/> and data at <see cref="Data"/>. The
/// strand starts in the T1 HV start state; every trap is recorded and delivered to the
/// guest's own table unless <see cref="OnTrap"/> handles it (the hypervisor's part).
/// </summary>
internal sealed class Sun4vGuest : ITrapHandler
{
    public const ulong RaBase = 0x100000;
    public const ulong RaSize = 0x40000;
    public const ulong Rtba = RaBase;
    public const ulong Entry = RaBase + 0x1000;
    public const ulong TrapTable = RaBase + 0x8000;
    public const ulong Data = RaBase + 0x20000;

    public Sun4vGuest(string program, ulong arg0 = 0)
    {
        Memory = new PhysicalMemory();
        Memory.Map(RaBase, RaSize, PageAccess.All);
        Strand = new Strand(0, Memory, this);
        Write(Entry, program);
        Strand.ResetToSun4vStart(Entry, arg0, RaBase, RaSize, Rtba);
        Strand.Tba = TrapTable;
    }

    public PhysicalMemory Memory { get; }

    public Strand Strand { get; }

    /// <summary>Every trap offered to the hypervisor, with the strand's clock when it came.</summary>
    public List<(TrapType Trap, ulong Cycle)> Traps { get; } = new();

    public List<(int Queue, ulong Head, ulong Cycle)> HeadWrites { get; } = new();

    public List<TrapType> WatchdogResets { get; } = new();

    /// <summary>The hypervisor's part: return true when the trap was served here.</summary>
    public Func<Strand, TrapType, ulong, ulong, bool>? OnTrap { get; set; }

    public ulong this[int register]
    {
        get => Strand.GetRegister(register);
        set => Strand.SetRegister(register, value);
    }

    /// <summary>Assembles <paramref name="source"/> at <paramref name="address"/>.</summary>
    public Sun4vGuest Write(ulong address, string source)
    {
        uint[] words = GasAssembler.Assemble(source);
        for (int i = 0; i < words.Length; i++)
        {
            Memory.WriteU32(address + (ulong)(4 * i), words[i]);
        }

        return this;
    }

    /// <summary>Puts a handler in the privileged trap table (the TL &gt; 0 half when <paramref name="fromTl1"/>).</summary>
    public Sun4vGuest Handler(TrapType trap, string source, bool fromTl1 = false) =>
        Write(TrapTable + (fromTl1 ? 0x4000UL : 0) + ((ulong)trap << 5), source);

    public ulong RunUntil(ulong cycle) => Strand.RunUntil(cycle);

    public bool HandleTrap(Strand strand, TrapType trap, ulong trapPc, ulong trapNpc)
    {
        Traps.Add((trap, strand.CurrentCycle));
        return OnTrap?.Invoke(strand, trap, trapPc, trapNpc) ?? false;
    }

    public void OnQueueHeadWritten(Strand strand, int queueIndex, ulong head) =>
        HeadWrites.Add((queueIndex, head, strand.CurrentCycle));

    public void OnWatchdogReset(Strand strand, TrapType cause) => WatchdogResets.Add(cause);
}

public class PrivilegedGuestTests
{
    /// <summary>A started strand is at TL = MAXPTL, where any trap is a watchdog reset: guests lower TL first.</summary>
    internal const string ToTl0 = "wrpr %g0, 0, %tl\nwrpr %g0, 0, %gl\n";

    [Fact]
    public void ResetToSun4vStart_GivesTheT1HypervisorStartState()
    {
        var h = new StrandHarness().Load("nop");
        Strand s = h.Strand;
        s.Pstate |= Pstate.Ie;
        s.Tl = 1;
        s.Pil = 3;
        s.Softint = 0x10;
        s.Scratchpad[3] = 7;
        s.QueueRegisters[Strand.CpuMondoTail] = 0x40;
        s.F[5] = 99;
        s.RunState = StrandRunState.Stopped;
        h[G1] = 1;
        h[L3] = 2;
        h[O5] = 3;

        s.ResetToSun4vStart(0x12340, arg0: 0xa0, raBase: 0x80000000, raSize: 0x4000000, rtba: 0x80010000);

        Assert.Equal((0x12340UL, 0x12344UL), (s.Pc, s.Npc));
        Assert.Equal((2, 2), (s.Tl, s.Gl));
        Assert.Equal(Pstate.Priv, s.Pstate);
        Assert.Equal((byte)0, s.Fprs);
        Assert.False(s.FpEnabled);
        Assert.Equal(15, s.Pil);
        Assert.Equal(0UL, s.Softint);
        Assert.Equal((6, 6, 0, 0, 0, 0), (s.CanSave, s.CleanWin, s.CanRestore, s.OtherWin, s.Wstate, s.Cwp));
        Assert.Equal((0x80010000UL, 0x80010000UL), (s.Tba, s.Rtba));
        Assert.Equal((0xa0UL, 0x80000000UL, 0x4000000UL), (h[O0], h[I0], h[I1]));
        Assert.Equal(StrandRunState.Running, s.RunState);
        Assert.All(s.Scratchpad, v => Assert.Equal(0UL, v));
        Assert.All(s.QueueRegisters, v => Assert.Equal(0UL, v));
        Assert.All(s.F, v => Assert.Equal(0UL, v));
        for (int r = 1; r < 32; r++)
        {
            if (r is not (O0 or I0 or I1))
            {
                Assert.Equal(0UL, h[r]);
            }
        }

        // The other global sets and windows are clean too.
        s.SetGl(0);
        Assert.Equal(0UL, h[G1]);
        s.SetCwp(7);
        Assert.Equal(0UL, h[L3]);
    }

    [Fact]
    public void StartedGuest_RunsAtTl2WithInterruptsOffAndReadsItsArguments()
    {
        var g = new Sun4vGuest("rdpr %tl, %g1\nrdpr %gl, %g2\nrdpr %pil, %g3\nrdpr %pstate, %g4\nadd %i0, %i1, %g5\nmov %o0, %g6", arg0: 42);
        g.RunUntil(6);
        Assert.Empty(g.Traps);
        Assert.Equal(2UL, g[G1]);
        Assert.Equal(2UL, g[G2]);
        Assert.Equal(15UL, g[G3]);
        Assert.Equal((ulong)Pstate.Priv, g[G4]);
        Assert.Equal(Sun4vGuest.RaBase + Sun4vGuest.RaSize, g[G5]);
        Assert.Equal(42UL, g[G6]);
    }

    [Fact]
    public void FirstFpInstruction_TrapsFpDisabledToGuestHandlerWhichEnablesFpAndRetries()
    {
        // UA2005 5.x: FP needs PSTATE.PEF and FPRS.FEF; both start clear. The handler sets
        // FEF and PEF in the saved TSTATE (bit 8 + 4), then RETRY re-executes the faddd.
        var g = new Sun4vGuest(ToTl0 + "faddd %f0, %f2, %f4\nmov 1, %g1\nba,a .");
        g.Handler(TrapType.FpDisabled, "wr %g0, 4, %fprs\nrdpr %tstate, %g7\nor %g7, 0x1000, %g7\nwrpr %g7, %tstate\nretry");
        g.Strand.F[0] = BitConverter.DoubleToUInt64Bits(1.5);
        g.Strand.F[1] = BitConverter.DoubleToUInt64Bits(2.25);
        g.RunUntil(20);
        Assert.Equal(TrapType.FpDisabled, g.Traps[0].Trap);
        Assert.Single(g.Traps);
        Assert.Equal(3.75, BitConverter.UInt64BitsToDouble(g.Strand.F[2]));
        Assert.Equal(1UL, g[G1]);
        Assert.True(g.Strand.FpEnabled);
    }

    [Theory]
    [InlineData("ldd [%g0], %f0")]
    [InlineData("fbe .+8\nnop")]
    [InlineData("rd %gsr, %g1")]
    public void FpInstructionsWithPefClear_RaiseFpDisabledEvenWhenFefIsSet(string source)
    {
        var g = new Sun4vGuest(ToTl0 + "wr %g0, 4, %fprs\n" + source);
        g.RunUntil(4);
        Assert.Equal([TrapType.FpDisabled], g.Traps.Select(t => t.Trap));
        Assert.Equal(Sun4vGuest.TrapTable + (0x20UL << 5), g.Strand.Pc);
    }
}

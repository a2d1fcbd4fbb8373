using Niagara.Strands.State;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;
using static Niagara.Strands.Tests.Support.Registers;

namespace Niagara.Strands.Tests;

/// <summary>The sun4v ASIs a privileged guest uses: scratchpad (0x20), queues (0x25) and real addresses (0x14-0x1D, 0x26).</summary>
public class MachineAsiTests
{
    private const ulong Data = StrandHarness.DataBase;

    private static StrandHarness Privileged(string source)
    {
        var h = new StrandHarness().Load(source);
        h.Strand.Pstate |= Pstate.Priv;
        h[O0] = Data;
        return h;
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x08)]
    [InlineData(0x10)]
    [InlineData(0x18)]
    [InlineData(0x30)]
    [InlineData(0x38)]
    public void Scratchpad_StxaThenLdxa_RoundTripsThroughTheRegister(int va)
    {
        var h = Privileged("stxa %o1, [%o0] 0x20\nldxa [%o0] 0x20, %o2\nldxa [%o0] %asi, %o3");
        h.Strand.Asi = 0x20;
        h[O0] = (ulong)va;
        h[O1] = 0x1234_5678_9abc_def0;
        h.Run(3);
        Assert.Empty(h.Traps);
        Assert.Equal(0x1234_5678_9abc_def0UL, h.Strand.Scratchpad[va >> 3]);
        Assert.Equal((0x1234_5678_9abc_def0UL, 0x1234_5678_9abc_def0UL), (h[O2], h[O3]));
    }

    [Theory]
    [InlineData("ldxa [%o0] 0x20, %o2", 0x20)]
    [InlineData("stxa %o1, [%o0] 0x20", 0x28)]
    [InlineData("ldxa [%o0] 0x20, %o2", 0x40)]
    [InlineData("lduwa [%o0] 0x20, %o2", 0x08)]
    [InlineData("stwa %o1, [%o0] 0x20", 0x08)]
    [InlineData("ldxa [%o0] 0x25, %o2", 0x3b8)]
    [InlineData("ldxa [%o0] 0x25, %o2", 0x400)]
    [InlineData("lduwa [%o0] 0x25, %o2", 0x3c0)]
    [InlineData("casxa [%o0] 0x20, %o1, %o2", 0x08)]
    public void RegisterAsi_HyperprivilegedOrInvalidAccess_RaisesDataAccessExceptionAndChangesNothing(string source, int va)
    {
        // T1: scratchpad VA 0x20 and 0x28 belong to the hypervisor.
        var h = Privileged(source);
        h[O0] = (ulong)va;
        h[O1] = 0x55;
        h[O2] = 7;
        h.Strand.Scratchpad[4] = 0x99;
        h.Strand.Scratchpad[5] = 0x98;
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
        Assert.Equal((ulong)va, h.Strand.FaultAddress);
        Assert.Equal(7UL, h[O2]);
        Assert.Equal((0x99UL, 0x98UL, 0UL), (h.Strand.Scratchpad[4], h.Strand.Scratchpad[5], h.Strand.Scratchpad[1]));
    }

    [Theory]
    [InlineData("ldxa [%o0] 0x20, %o2")]
    [InlineData("stxa %o1, [%o0] 0x25")]
    [InlineData("ldxa [%o0] 0x14, %o2")]
    [InlineData("ldda [%o0] 0x26, %o2")]
    public void RestrictedAsis_InUserMode_RaisePrivilegedAction(string source)
    {
        var h = new StrandHarness().Load(source);
        h[O0] = Data;
        h.Run(1);
        Assert.Equal([TrapType.PrivilegedAction], h.Traps);
    }

    [Fact]
    public void Scratchpad_MisalignedVa_RaisesMemAddressNotAligned()
    {
        var h = Privileged("ldxa [%o0] 0x20, %o2");
        h[O0] = 4;
        h.Run(1);
        Assert.Equal([TrapType.MemAddressNotAligned], h.Traps);
    }

    [Fact]
    public void QueueRegisters_HeadIsReadWrite_TailIsReadOnlyToTheGuest()
    {
        var h = Privileged("ldxa [%o0 + %o4] 0x25, %o2\nstxa %o1, [%o0] 0x25\nldxa [%o0] 0x25, %o3\nstxa %o1, [%o0 + %o4] 0x25");
        h[O0] = 0x3d0;   // DEV_MONDO_QUEUE_HEAD
        h[O4] = 8;       // + 8: its TAIL
        h[O1] = 0x1c0;
        h.Strand.QueueRegisters[Strand.DevMondoTail] = 0x200;
        h.Run(2);
        h.Run(2);
        Assert.Equal((0x200UL, 0x1c0UL), (h[O2], h[O3]));
        Assert.Equal(0x1c0UL, h.Strand.QueueRegisters[Strand.DevMondoHead]);

        // The store to TAIL: data_access_exception, TAIL unchanged (OpenSPARC interrupt_QUEUE test).
        Assert.Equal([TrapType.DataAccessException], h.Traps);
        Assert.Equal(0x200UL, h.Strand.QueueRegisters[Strand.DevMondoTail]);
    }

    [Fact]
    public void QueueHeadStore_TellsTheHypervisorAndEndsTheRunSlice()
    {
        var g = new Sun4vGuest("mov 0x3f0, %l0\nmov 0x80, %l1\nstxa %l1, [%l0] 0x25\nmov 1, %l2\nba,a .");
        ulong ran = g.Strand.Run(100);
        Assert.Equal(3UL, ran);
        Assert.Equal([(3, 0x80UL, 3UL)], g.HeadWrites);
        Assert.Equal(0x80UL, g.Strand.QueueRegisters[Strand.NonresumableHead]);
        Assert.Equal(0UL, g[L2]);
    }

    [Fact]
    public void RealAsis_ReadAndWritePhysicalMemory_BigAndLittleEndian()
    {
        var h = Privileged("ldxa [%o0] 0x14, %o2\nldxa [%o0] 0x1c, %o3\nstxa %o1, [%o0 + %g1] 0x15\nstha %o1, [%o0 + %g2] 0x1d\nlduba [%o0] 0x14, %o4\ncasxa [%o0] 0x14, %o2, %o1");
        h.Memory.WriteU64(Data, 0x0102_0304_0506_0708);
        h[O1] = 0xaabb_ccdd_eeff_1122;
        h[G1] = 8;
        h[G2] = 16;
        h.Run(6);
        Assert.Empty(h.Traps);
        Assert.Equal(0x0102_0304_0506_0708UL, h[O2]);
        Assert.Equal(0x0807_0605_0403_0201UL, h[O3]);
        Assert.Equal(0xaabb_ccdd_eeff_1122UL, h.Memory.ReadU64(Data + 8));
        Assert.Equal((ushort)0x2211, h.Memory.ReadU16(Data + 16));
        Assert.Equal(1UL, h[O4]);
        Assert.Equal(0xaabb_ccdd_eeff_1122UL, h.Memory.ReadU64(Data));   // the CASXA matched
        Assert.Equal(0x0102_0304_0506_0708UL, h[O1]);
    }

    [Fact]
    public void QuadLoadReal_LoadsSixteenBytesIntoAnEvenOddPair()
    {
        var h = Privileged("ldda [%o0] 0x26, %o2\nldda [%o0] 0x2e, %o4");
        h.Memory.WriteU64(Data, 0x1111_2222_3333_4444);
        h.Memory.WriteU64(Data + 8, 0x5555_6666_7777_8888);
        h.Run(2);
        Assert.Empty(h.Traps);
        Assert.Equal((0x1111_2222_3333_4444UL, 0x5555_6666_7777_8888UL), (h[O2], h[O3]));
        Assert.Equal((0x4444_3333_2222_1111UL, 0x8888_7777_6666_5555UL), (h[O4], h[O5]));
    }

    [Fact]
    public void RealAsi_FloatLoadAndStore()
    {
        var h = Privileged("lda [%o0] 0x14, %f1\nsta %f1, [%o0 + %g1] 0x1c");
        h.Memory.WriteU32(Data, 0x3fc0_0000);
        h[G1] = 4;
        h.Run(2);
        Assert.Empty(h.Traps);
        Assert.Equal(0x3fc0_0000u, h.Strand.GetSingle(1));
        Assert.Equal(0x0000_c03fu, h.Memory.ReadU32(Data + 4));
    }

    [Fact]
    public void RealAsi_UnmappedRealAddress_RaisesDataAccessExceptionWithTheAddress()
    {
        var h = Privileged("ldxa [%o0] 0x14, %o2");
        h[O0] = 0x4000_0000;
        h[O2] = 3;
        h.Run(1);
        Assert.Equal([TrapType.DataAccessException], h.Traps);
        Assert.Equal(0x4000_0000UL, h.Strand.FaultAddress);
        Assert.Equal(3UL, h[O2]);
        Assert.Equal(StrandHarness.CodeBase, h.Strand.Pc);
    }

    [Fact]
    public void StartedGuest_KeepsItsCpuIdInScratchpadLikeLinuxHvtramp()
    {
        // hvtramp.S: stxa %cpuid, [SCRATCHPAD_CPUID = 0x08] ASI_SCRATCHPAD.
        var g = new Sun4vGuest("mov 0x08, %g1\nstxa %o0, [%g1] 0x20\nldxa [%g1] 0x20, %g2", arg0: 5);
        g.RunUntil(3);
        Assert.Empty(g.Traps);
        Assert.Equal(5UL, g.Strand.Scratchpad[1]);
        Assert.Equal(5UL, g[G2]);
    }
}

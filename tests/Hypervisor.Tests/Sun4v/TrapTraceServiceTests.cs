using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class TrapTraceServiceTests
{
    [Fact]
    public void TrapTrace_ConfigureAddEntriesTraceHypercallsAndFreeze()
    {
        ulong limit = Sun4vGuest.Base + Sun4vGuest.MemorySize;
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                HCALL 0x91
                RESULT %o1, 0
                RESULT %o2, 1
                mov 1, %o0
                HCALL 0x92              ! enable without a buffer
                RESULT %o0, 2
                mov 1, %o0
                HCALL 0x93              ! freeze without a buffer
                RESULT %o0, 3
                ta 0x85
                RESULT %o0, 4
                set tbuf + 8, %o0
                mov 4, %o1
                HCALL 0x90
                RESULT %o0, 5
                set tbuf, %o0
                mov 1, %o1
                HCALL 0x90
                RESULT %o0, 6
                RESULT %o1, 7
                set 0x{{limit - 64:x}}, %o0
                mov 4, %o1
                HCALL 0x90
                RESULT %o0, 8
                set tbuf, %o0
                mov 4, %o1
                HCALL 0x90
                RESULT %o0, 9
                RESULT %o1, 10
                HCALL 0x91
                RESULT %o1, 11
                RESULT %o2, 12
                set 0x1234, %o0
                mov 1, %o1
                mov 2, %o2
                mov 3, %o3
                mov 4, %o4
            addentry:
                ta 0x85
                RESULT %o0, 13
                RESULT %o1, 14          ! untouched
                mov 1, %o0
                HCALL 0x92
                RESULT %o0, 15
                RESULT %o1, 16
                HCALL 0x16              ! traced
                mov 0, %o0
                HCALL 0x92              ! traced too (tracing was on when it trapped)
                RESULT %o1, 17
                mov 1, %o0
                HCALL 0x93
                RESULT %o0, 18
                RESULT %o1, 19
                ta 0x85                 ! frozen: EOK, nothing written
                RESULT %o0, 20
                mov 0, %o0
                HCALL 0x93
                RESULT %o1, 21
                EXIT 0
            .align 256
            results: .skip 256
            .align 64
            tbuf: .skip 256
            """).RunToExit();

        Assert.Equal(0UL, guest.Result(0));
        Assert.Equal(0UL, guest.Result(1));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(2));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(3));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(4));
        Assert.Equal(HypervisorError.EBADALIGN, guest.Status(5));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(6));
        Assert.Equal(2UL, guest.Result(7));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(8));
        Assert.Equal(HypervisorError.EOK, guest.Status(9));
        Assert.Equal(4UL, guest.Result(10));
        ulong tbuf = guest.Symbol("tbuf");
        Assert.Equal(tbuf, guest.Result(11));
        Assert.Equal(4UL, guest.Result(12));
        Assert.Equal(HypervisorError.EOK, guest.Status(13));
        Assert.Equal(1UL, guest.Result(14));
        Assert.Equal(HypervisorError.EOK, guest.Status(15));
        Assert.Equal(0UL, guest.Result(16));
        Assert.Equal(1UL, guest.Result(17));
        Assert.Equal(HypervisorError.EOK, guest.Status(18));
        Assert.Equal(0UL, guest.Result(19));
        Assert.Equal(HypervisorError.EOK, guest.Status(20));
        Assert.Equal(1UL, guest.Result(21));

        var m = guest.Machine.Memory;
        // The guest record at +64: type 0xff, TL 0, GL 1 (inside the trap), tt 0x185, tag, TPC.
        Assert.Equal(0xff02_0001_0185_1234UL, m.ReadU64(tbuf + 64));
        Assert.Equal(guest.Symbol("addentry"), m.ReadU64(tbuf + 64 + 24));
        Assert.Equal([1UL, 2UL, 3UL, 4UL], Enumerable.Range(0, 4).Select(i => m.ReadU64(tbuf + 64 + 32 + (ulong)(i * 8))));
        // Hypervisor records for cpu_myid (+128) and ttrace_enable(0) (+192): type 1, TL 1, tt 0x180, f1 = function.
        Assert.Equal(0x0102_0101_0180_0000UL, m.ReadU64(tbuf + 128));
        Assert.Equal(0x16UL, m.ReadU64(tbuf + 128 + 32));
        Assert.Equal(0x92UL, m.ReadU64(tbuf + 192 + 32));
        Assert.Equal(192UL, m.ReadU64(tbuf));       // last record written
        Assert.Equal(64UL, m.ReadU64(tbuf + 8));    // next wraps past the header
    }
}

using System.Text;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Hypervisor.Tests.Sun4v;

public class ConsoleServiceTests
{
    [Fact]
    public void ConsPutcharAndApiPutchar_WriteBytes_BreakIsCounted_OutOfRangeIsEInval()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                mov 'A', %o0
                CORECALL 1              ! api_putchar needs no negotiation
                RESULT %o0, 0
                SETVER 1, 1, 1
                mov 'b', %o0
                HCALL 0x61
                RESULT %o0, 1
                mov 256, %o0
                HCALL 0x61
                RESULT %o0, 2
                mov -1, %o0             ! BREAK
                HCALL 0x61
                RESULT %o0, 3
                mov -2, %o0
                HCALL 0x61
                RESULT %o0, 4
                EXIT 0
            .align 256
            results: .skip 256
            """).RunToExit();

        Assert.Equal("Ab", guest.Output.ToString());
        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal(HypervisorError.EOK, guest.Status(1));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(2));
        Assert.Equal(HypervisorError.EOK, guest.Status(3));
        Assert.Equal(HypervisorError.EINVAL, guest.Status(4));
        Assert.Equal(1, guest.Console.BreaksSent);
    }

    [Fact]
    public void ConsWrite_WritesTheBuffer_ChecksRange_AndIsVersion1Point1()
    {
        ulong limit = Sun4vGuest.Base + Sun4vGuest.MemorySize;
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 0
                set text, %o0
                mov 6, %o1
                HCALL 0x63
                RESULT %o0, 0
                SETVER 1, 1, 1
                set text, %o0
                mov 6, %o1
                HCALL 0x63
                RESULT %o0, 1
                RESULT %o1, 2
                set 0x{{limit - 2:x}}, %o0
                mov 4, %o1
                HCALL 0x63
                RESULT %o0, 3
                mov 0, %o0              ! length 0: EOK at once, even for a bad address
                mov 0, %o1
                HCALL 0x63
                RESULT %o0, 4
                RESULT %o1, 5
                EXIT 0
            text: .ascii "h\xc3\xa9llo"
            .align 256
            results: .skip 256
            """).RunToExit();

        Assert.Equal(HypervisorError.EBADTRAP, guest.Status(0));
        Assert.Equal(HypervisorError.EOK, guest.Status(1));
        Assert.Equal(6UL, guest.Result(2));
        Assert.Equal(HypervisorError.ENORADDR, guest.Status(3));
        Assert.Equal(HypervisorError.EOK, guest.Status(4));
        Assert.Equal(0UL, guest.Result(5));
        Assert.Equal("héllo", guest.Output.ToString());
    }

    [Fact]
    public void ConsGetcharAndConsRead_ReadQueuedInput_BreakAndHangup_AndWouldBlockWhenEmpty()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                HCALL 0x60
                RESULT %o0, 0
                RESULT %o1, 1
                set buffer, %o0
                mov 8, %o1
                HCALL 0x62              ! stops before the BREAK
                RESULT %o0, 2
                RESULT %o1, 3
                set buffer, %o0
                mov 8, %o1
                HCALL 0x62              ! the BREAK
                RESULT %o0, 4
                RESULT %o1, 5
                HCALL 0x60              ! the hang-up
                RESULT %o0, 6
                RESULT %o1, 7
                HCALL 0x60
                RESULT %o0, 8
                set buffer, %o0
                mov 8, %o1
                HCALL 0x62
                RESULT %o0, 9
                EXIT 0
            .align 8
            buffer: .skip 8
            .align 256
            results: .skip 256
            """);
        guest.Console.EnqueueInput("xyz"u8);
        guest.Console.EnqueueSignal(ConsoleInputKind.Break);
        guest.Console.EnqueueSignal(ConsoleInputKind.Hangup);
        guest.RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal((ulong)'x', guest.Result(1));
        Assert.Equal(HypervisorError.EOK, guest.Status(2));
        Assert.Equal(2UL, guest.Result(3));
        Assert.Equal("yz", Encoding.ASCII.GetString(BitConverter.GetBytes(guest.Machine.Memory.ReadU64(guest.Symbol("buffer"))).Reverse().Take(2).ToArray()));
        Assert.Equal(HypervisorError.EOK, guest.Status(4));
        Assert.Equal(unchecked((ulong)-1L), guest.Result(5));
        Assert.Equal(HypervisorError.EOK, guest.Status(6));
        Assert.Equal(unchecked((ulong)-2L), guest.Result(7));
        Assert.Equal(HypervisorError.EWOULDBLOCK, guest.Status(8));
        Assert.Equal(HypervisorError.EWOULDBLOCK, guest.Status(9));
    }

    [Fact]
    public void UnconfiguredConsole_DiscardsOutputWithEOk_AndHasNoInput()
    {
        var guest = new Sun4vGuest("""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                mov 999, %o0            ! no range check on an unconfigured console
                HCALL 0x61
                RESULT %o0, 0
                HCALL 0x60
                RESULT %o0, 1
                EXIT 0
            .align 256
            results: .skip 256
            """, consoleConfigured: false).RunToExit();

        Assert.Equal(HypervisorError.EOK, guest.Status(0));
        Assert.Equal(HypervisorError.EWOULDBLOCK, guest.Status(1));
    }

    [Fact]
    public void ConsoleOutput_OfSeveralStrands_IsWrittenInCycleThenStrandOrder_AndStopsAtMachExit()
    {
        // Strands 0 and 1 print letters in loops of similar length, interleaved by their clocks.
        // Strand 0 exits after its 3rd letter; strand 1 goes on printing to the end of the (long)
        // quantum, but what it printed after the exit's cycle is not written.
        var guest = new Sun4vGuest($$"""
            .org 0x20
                PROLOGUE
                SETVER 1, 1, 1
                mov 1, %o0
                set secondary, %o1
                set 0x{{Sun4vGuest.Base:x}}, %o2
                HCALL 0x10
                set go, %l0
                mov 1, %l1
                stx %l1, [%l0]
                mov 0, %l2
            1:  mov 'a', %o0
                add %o0, %l2, %o0
                HCALL 0x61
                inc %l2
                cmp %l2, 3
                bne %xcc, 1b
                nop
                EXIT 0
            secondary:
                set go, %l0
            2:  ldx [%l0], %l1
                brz %l1, 2b
                nop
                mov 0, %l2
            3:  mov 'A', %o0
                add %o0, %l2, %o0
                HCALL 0x61
                inc %l2
                ba 3b
                nop
            .align 8
            go: .xword 0
            .align 256
            results: .skip 256
            """, strandsPerCore: 2);
        guest.Run(quantum: 100_000);

        string text = guest.Output.ToString();
        Assert.StartsWith("aA", text, StringComparison.Ordinal);   // same cycle: strand 0 first
        Assert.Equal("abc", new string(text.Where(char.IsLower).ToArray()));
        string upper = new(text.Where(char.IsUpper).ToArray());
        Assert.InRange(upper.Length, 2, 5);                         // not the thousands it printed by the quantum's end
        Assert.Equal("ABCDE"[..upper.Length], upper);
    }
}

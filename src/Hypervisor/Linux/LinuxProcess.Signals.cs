using System.Text;
using Niagara.Memory;
using Niagara.Strands;
using Niagara.Strands.Disassembly;
using Niagara.Strands.Traps;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// Signals. The process records what rt_sigaction, rt_sigprocmask and sigaltstack set, and
/// delivers signals only with their default action: a fatal one ends the run with a report, an
/// ignored one is dropped. Running a guest handler (a signal frame and rt_sigreturn) is not
/// supported and stops the run with a message.
/// </summary>
public sealed partial class LinuxProcess
{
    private const ulong SigDfl = 0;
    private const ulong SigIgn = 1;

    // sparc's rt_sigprocmask "how" values (asm/signal.h).
    private const long SigBlock = 1;
    private const long SigUnblock = 2;
    private const long SigSetMask = 4;

    private readonly SignalAction[] _actions = new SignalAction[GuestSignals.Count + 1];
    private ulong _blocked;
    private ulong _pending;
    private ulong _altStack;
    private ulong _altStackSize;
    private int _altStackFlags = 2; // SS_DISABLE

    private readonly record struct SignalAction(ulong Handler, ulong Flags, ulong Restorer, ulong Mask);

    private static TrapType SyscallTrap => TrapTypes.SoftwareTrap(0x6d);

    private static TrapType FlushWindowsTrap => TrapTypes.SoftwareTrap(0x03);

    /// <summary>The signal Linux sends for a hardware trap (arch/sparc/kernel/traps_64.c), and whether it has a fault address.</summary>
    private static (GuestSignal Signal, bool HasAddress) SignalFor(TrapType trap) => trap switch
    {
        TrapType.DataAccessException or TrapType.DataAccessMmuMiss or TrapType.DataAccessError
            or TrapType.InstructionAccessException or TrapType.InstructionAccessMmuMiss
            or TrapType.InstructionAccessError => (GuestSignal.SIGSEGV, true),
        TrapType.MemAddressNotAligned or TrapType.LddfMemAddressNotAligned
            or TrapType.StdfMemAddressNotAligned => (GuestSignal.SIGBUS, true),
        TrapType.DivisionByZero or TrapType.FpExceptionIeee754 or TrapType.FpExceptionOther => (GuestSignal.SIGFPE, false),
        TrapType.TagOverflow => (GuestSignal.SIGEMT, false),
        // ta 1 is the breakpoint trap, ta 2 the software division-by-zero trap (asm/ttable.h).
        _ when trap == TrapTypes.SoftwareTrap(1) => (GuestSignal.SIGTRAP, false),
        _ when trap == TrapTypes.SoftwareTrap(2) => (GuestSignal.SIGFPE, false),
        // Illegal and privileged instructions, and every other software trap (ta 0x10, the
        // 32-bit syscall trap, included): SIGILL, as qemu-user sends for them.
        _ => (GuestSignal.SIGILL, false),
    };

    /// <summary>Ends the process by <paramref name="signal"/>, reporting the instruction at <paramref name="pc"/>.</summary>
    private void Kill(Strand strand, GuestSignal signal, ulong pc, ulong? faultAddress, TrapType? trap)
    {
        ulong handler = _actions[(int)signal].Handler;
        if (handler is not (SigDfl or SigIgn))
        {
            // The guest expects its handler to run; dying here would misreport what it does.
            Refuse(strand, $"{_options.ProgramName}: {GuestSignals.Name(signal)} at pc 0x{pc:x}: {InstructionText(pc)} has a handler at 0x{handler:x}; running signal handlers is not supported");
            return;
        }

        var report = new StringBuilder()
            .Append("niagara: ").Append(_options.ProgramName).Append(" killed by ").Append(GuestSignals.Name(signal))
            .Append(" at pc 0x").Append(pc.ToString("x")).Append(": ").Append(InstructionText(pc));
        if (faultAddress is { } address)
        {
            report.Append(" (fault address 0x").Append(address.ToString("x")).Append(')');
        }
        else if (trap is { } tt && signal == GuestSignal.SIGILL)
        {
            report.Append(" (trap 0x").Append(((int)tt).ToString("x3")).Append(')');
        }

        Exit = new ProcessExit(GuestSignals.ExitStatus(signal), report.ToString());
        strand.Halt(new HaltReason(HaltKind.Signal, (int)signal, report.ToString()));
    }

    /// <summary>The instruction at <paramref name="pc"/> as text, or why it cannot be read.</summary>
    private string InstructionText(ulong pc)
    {
        MemoryPage? page = Memory.TryGetPage(pc);
        if (page is null || (pc & 3) != 0)
        {
            return "(no instruction: address not mapped)";
        }

        uint word = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(page.Data.Slice((int)(pc & MemoryPage.OffsetMask), 4));
        string text = Disassembler.Disassemble(word, pc);
        return text == "unknown" ? $"unknown instruction 0x{word:x8}" : Compact(text);
    }

    /// <summary>objdump's "ldx  [ %g1 + 8 ], %o0" as "ldx [%g1+8], %o0": one space after the mnemonic, none inside brackets.</summary>
    private static string Compact(string text)
    {
        var b = new StringBuilder(text.Length);
        int depth = 0;
        foreach (char c in text)
        {
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
            bool space = c is ' ' or '\t';
            if (space && (depth > 0 || (b.Length > 0 && b[^1] == ' ')))
            {
                continue;
            }

            if (c == ']' && b.Length > 0 && b[^1] == ' ')
            {
                b.Length--;
            }

            b.Append(space ? ' ' : c);
        }

        return b.ToString().TrimEnd();
    }

    /// <summary>Sends <paramref name="signal"/> to the process itself (kill, tgkill, tkill, raise).</summary>
    private long SendSelf(Strand strand, GuestSignal signal, ulong pc)
    {
        if (signal == GuestSignal.None)
        {
            return 0;
        }

        if (signal is < 0 or > (GuestSignal)GuestSignals.Count)
        {
            return -(long)Errno.EINVAL;
        }

        ulong bit = 1UL << ((int)signal - 1);
        if ((_blocked & bit) != 0 && signal is not (GuestSignal.SIGKILL or GuestSignal.SIGSTOP))
        {
            _pending |= bit;
            return 0;
        }

        Deliver(strand, signal, pc);
        return 0;
    }

    private void Deliver(Strand strand, GuestSignal signal, ulong pc)
    {
        SignalAction action = _actions[(int)signal];
        bool uncatchable = signal is GuestSignal.SIGKILL or GuestSignal.SIGSTOP;
        if (!uncatchable && action.Handler == SigIgn)
        {
            return;
        }

        if (!uncatchable && action.Handler != SigDfl)
        {
            Refuse(strand, $"{_options.ProgramName}: {GuestSignals.Name(signal)} has a handler at 0x{action.Handler:x}; running signal handlers is not supported (pc 0x{pc:x})");
            return;
        }

        if (GuestSignals.DefaultIgnores(signal) || signal is GuestSignal.SIGTSTP or GuestSignal.SIGTTIN or GuestSignal.SIGTTOU)
        {
            return;
        }

        string report = $"niagara: {_options.ProgramName} killed by {GuestSignals.Name(signal)} (sent by the program at pc 0x{pc:x})";
        Exit = new ProcessExit(GuestSignals.ExitStatus(signal), report);
        strand.Halt(new HaltReason(HaltKind.Signal, (int)signal, report));
    }

    /// <summary>Delivers signals that were pending and are no longer blocked.</summary>
    private void DeliverUnblocked(Strand strand, ulong pc)
    {
        ulong ready = _pending & ~_blocked;
        for (int n = 1; ready != 0 && n <= GuestSignals.Count && strand.Halted is null; n++)
        {
            ulong bit = 1UL << (n - 1);
            if ((ready & bit) != 0)
            {
                _pending &= ~bit;
                ready &= ~bit;
                Deliver(strand, (GuestSignal)n, pc);
            }
        }
    }

    // rt_sigaction on sparc64 (sys_sparc64_rt_sigaction): (sig, act, oact, restorer, sigsetsize);
    // struct sigaction is { handler, flags, restorer, mask }, 8 bytes each.
    private long RtSigaction(long sig, ulong act, ulong oact, ulong restorer, ulong sigsetsize)
    {
        if (sigsetsize != 8)
        {
            return -(long)Errno.EINVAL;
        }

        if (sig < 1 || sig > GuestSignals.Count || (act != 0 && (sig == (long)GuestSignal.SIGKILL || sig == (long)GuestSignal.SIGSTOP)))
        {
            return -(long)Errno.EINVAL;
        }

        SignalAction old = _actions[sig];
        if (act != 0)
        {
            _actions[sig] = new SignalAction(ReadU64(act), ReadU64(act + 8), restorer, ReadU64(act + 24));
        }

        if (oact != 0)
        {
            WriteU64(oact, old.Handler);
            WriteU64(oact + 8, old.Flags);
            WriteU64(oact + 16, old.Restorer);
            WriteU64(oact + 24, old.Mask);
        }

        return 0;
    }

    private long RtSigprocmask(Strand strand, long how, ulong set, ulong oldSet, ulong sigsetsize, ulong pc)
    {
        if (sigsetsize != 8)
        {
            return -(long)Errno.EINVAL;
        }

        ulong old = _blocked;
        if (set != 0)
        {
            ulong mask = ReadU64(set);
            switch (how)
            {
                case SigBlock:
                    _blocked |= mask;
                    break;
                case SigUnblock:
                    _blocked &= ~mask;
                    break;
                case SigSetMask:
                    _blocked = mask;
                    break;
                default:
                    return -(long)Errno.EINVAL;
            }

            // SIGKILL and SIGSTOP can never be blocked.
            _blocked &= ~((1UL << ((int)GuestSignal.SIGKILL - 1)) | (1UL << ((int)GuestSignal.SIGSTOP - 1)));
        }

        if (oldSet != 0)
        {
            WriteU64(oldSet, old);
        }

        DeliverUnblocked(strand, pc);
        return 0;
    }

    // stack_t on sparc64: { void *ss_sp; int ss_flags; size_t ss_size; }.
    private long SigAltStack(ulong stack, ulong oldStack)
    {
        if (oldStack != 0)
        {
            WriteU64(oldStack, _altStack);
            WriteU32(oldStack + 8, (uint)_altStackFlags);
            WriteU64(oldStack + 16, _altStackSize);
        }

        if (stack != 0)
        {
            ulong sp = ReadU64(stack);
            int flags = (int)ReadU32(stack + 8);
            ulong size = ReadU64(stack + 16);
            if ((flags & ~2) != 0)
            {
                return -(long)Errno.EINVAL;
            }

            _altStack = sp;
            _altStackSize = size;
            _altStackFlags = flags;
        }

        return 0;
    }
}

using Niagara.Memory;
using Niagara.Strands;
using Niagara.Strands.Execution.Float;
using Niagara.Strands.Traps;

namespace Niagara.Hypervisor.Linux;

/// <summary>How the guest asked to be run.</summary>
/// <param name="ProgramName">The program as the user named it (reports start with it).</param>
/// <param name="ExecutablePath">Its absolute host path (/proc/self/exe).</param>
/// <param name="Arguments">argv, argv[0] included.</param>
/// <param name="Environment">envp, as NAME=value strings.</param>
/// <param name="Hwcap">AT_HWCAP (<see cref="SparcHwcap"/>).</param>
/// <param name="StackSize">The stack mapping (and RLIMIT_STACK).</param>
/// <param name="RandomSeed">Seeds AT_RANDOM and getrandom: the same seed gives the same run.</param>
public sealed record LinuxProcessOptions(
    string ProgramName,
    string ExecutablePath,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Environment,
    ulong Hwcap = SparcHwcap.Qemu,
    ulong StackSize = AddressSpaceLayout.DefaultStackSize,
    ulong RandomSeed = 0);

/// <summary>How the process ended: the status niagara exits with and, for deaths, the one-line report.</summary>
public sealed record ProcessExit(int ExitStatus, string? Report);

/// <summary>
/// A sparc64 Linux process around one strand, like qemu-user or gem5's SE mode: it builds the
/// initial stack, serves the `ta 0x6d` system calls, emulates the kernel's user-mode register
/// window spill/fill/clean handlers, and turns faults into the signals Linux would send.
/// Single-threaded: one strand, no clone.
/// </summary>
public sealed partial class LinuxProcess : ITrapHandler
{
    /// <summary>Exit status for the simulator's own refusals (unimplemented syscall, deadlock).</summary>
    public const int SimulatorErrorStatus = 2;

    private readonly LinuxProcessOptions _options;
    private readonly DeterministicRandom _random;
    private Strand? _strand;

    public LinuxProcess(PhysicalMemory memory, ProcessImage image, LinuxProcessOptions options)
    {
        _options = options;
        Image = image;
        Space = new AddressSpace(memory);
        _random = new DeterministicRandom(options.RandomSeed);
        foreach (MemoryRegion segment in image.Segments)
        {
            Space.Track(segment);
        }

        _brkStart = AddressSpaceLayout.PageAlignUp(image.EndOfImage);
        _brk = _brkStart;
        _brkMapped = _brkStart;
        Pid = Environment.ProcessId;
    }

    public ProcessImage Image { get; }

    public AddressSpace Space { get; }

    public PhysicalMemory Memory => Space.Memory;

    /// <summary>The guest's process id (the host simulator's, as qemu-user reports its own).</summary>
    public int Pid { get; }

    /// <summary>Set once the process has ended.</summary>
    public ProcessExit? Exit { get; private set; }

    /// <summary>System calls served, for --stats.</summary>
    public long SyscallCount { get; private set; }

    /// <summary>Window spills and fills emulated, for --stats.</summary>
    public long WindowTrapCount { get; private set; }

    /// <summary>Maps the stack, writes argv/envp/auxv and sets the strand up to enter the program.</summary>
    public StackLayout Start(Strand strand)
    {
        _strand = strand;
        ulong stackBottom = AddressSpaceLayout.StackTop - AddressSpaceLayout.PageAlignUp(_options.StackSize);
        Space.Map(stackBottom, AddressSpaceLayout.StackTop, PageAccess.ReadWrite);

        Span<byte> random = stackalloc byte[16];
        _random.Fill(random);
        var credentials = new ProcessCredentials(HostLibc.GetUid(), HostLibc.GetEuid(), HostLibc.GetGid(), HostLibc.GetEgid());
        StackLayout layout = InitialStack.Build(
            Memory, AddressSpaceLayout.StackTop, Image, _options.ProgramName,
            _options.Arguments, _options.Environment, random, _options.Hwcap, credentials);

        // start_thread (asm/processor_64.h): every global and out zero (%g1 = 0: no atexit
        // function for _start to register), %sp biased below the first frame, %asi = ASI_PNF,
        // user mode; the kernel enables the FPU lazily on first use, which we do up front.
        for (int r = 1; r < 32; r++)
        {
            strand.SetRegister(r, 0);
        }

        strand.SetRegister(14, layout.StackPointer);
        strand.Asi = 0x82;
        strand.Pstate = Strands.State.Pstate.Pef;
        strand.Fprs = Strand.FprsFef;
        strand.Fsr = 0;
        strand.Ccr = 0;
        strand.Y = 0;
        strand.Pc = Image.Entry;
        strand.Npc = Image.Entry + 4;
        return layout;
    }

    public bool HandleTrap(Strand strand, TrapType trap, ulong trapPc, ulong trapNpc)
    {
        if (trap == SyscallTrap)
        {
            SyscallCount++;
            Syscall(strand, trapPc, trapNpc);
            return true;
        }

        if (TrapTypes.IsSpill(trap) || TrapTypes.IsFill(trap) || trap == TrapType.CleanWindow)
        {
            WindowTrapCount++;
            WindowTrap(strand, trap, trapPc, trapNpc);
            return true;
        }

        if (trap == FlushWindowsTrap)
        {
            // ST_FLUSH_WINDOWS: the kernel spills every window, then returns past the trap.
            if (FlushWindows(strand, trapPc))
            {
                strand.Pc = trapNpc;
                strand.Npc = trapNpc + 4;
            }

            return true;
        }

        if (trap == GetContextTrap)
        {
            GetContext(strand, trapPc, trapNpc);
            return true;
        }

        if (trap == SetContextTrap)
        {
            SetContext(strand, trapPc);
            return true;
        }

        if (trap == TrapType.FpDisabled)
        {
            // The kernel's lazy FPU switch-on (do_fpdis): enable and retry the instruction.
            strand.Pstate |= Strands.State.Pstate.Pef;
            strand.Fprs |= Strand.FprsFef;
            strand.Pc = trapPc;
            strand.Npc = trapNpc;
            return true;
        }

        if (trap == TrapType.FpExceptionOther && EmulateFpop(strand, trapPc, trapNpc))
        {
            return true;
        }

        (GuestSignal signal, bool hasAddress) = SignalFor(trap);
        Kill(strand, signal, trapPc, hasAddress ? strand.FaultAddress : null, trap);
        return true;
    }

    /// <summary>
    /// fp_exception_other with ftt = unimplemented_FPop: the T1 FPU leaves FSQRT to software, and
    /// Linux computes it (math_64.c do_mathemu) and skips the instruction. False when it cannot.
    /// </summary>
    private bool EmulateFpop(Strand strand, ulong trapPc, ulong trapNpc)
    {
        const ulong FttMask = 7UL << 14;
        const ulong FttUnimplementedFpop = 3UL << 14;
        if ((strand.Fsr & FttMask) != FttUnimplementedFpop || Memory.TryGetPage(trapPc) is not { } page)
        {
            return false;
        }

        uint word = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(page.Data.Slice((int)(trapPc & MemoryPage.OffsetMask), 4));
        if (FpopEmulator.Emulate(strand, word) != FpopEmulation.Completed)
        {
            return false;
        }

        strand.Pc = trapNpc;
        strand.Npc = trapNpc + 4;
        return true;
    }

    /// <summary>Ends the process with exit status <paramref name="status"/> (exit_group).</summary>
    private void Terminate(Strand strand, int status)
    {
        Exit = new ProcessExit(status & 0xff, null);
        strand.Halt(new HaltReason(HaltKind.Exit, status & 0xff, $"exit {status & 0xff}"));
    }

    /// <summary>Stops the run because the simulator cannot go on (not the guest's doing).</summary>
    private void Refuse(Strand strand, string report)
    {
        Exit = new ProcessExit(SimulatorErrorStatus, $"niagara: {report}");
        strand.Halt(new HaltReason(HaltKind.ErrorState, SimulatorErrorStatus, report));
    }
}

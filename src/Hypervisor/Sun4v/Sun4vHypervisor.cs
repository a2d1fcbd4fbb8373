using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.MachineDescriptions;
using Niagara.Memory;
using Niagara.Strands;
using Niagara.Strands.Traps;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// The sun4v hypervisor of one guest, as the guest's strands reach it through their trap
/// handler (sun4v reference section 1): tt 0x180 (`ta 0x80`) dispatches the FAST_TRAP function
/// in %o5 through a table keyed by function number; tt 0x183..0x185 are the hyper-fast traps;
/// tt 0x1ff (`ta 0xff`) the unversioned core calls; every other tt 0x181..0x1fe answers
/// EBADTRAP. A call returns like `done` (to TNPC) with the status in %o0. Versioned calls answer
/// EBADTRAP until the guest negotiated their API group. Calls that cross strands (mach_exit,
/// mach_sir, cpu_start, cpu_stop, cpu_mondo_send) or change guest-wide state wait for the
/// quantum boundary (Sun4vHypervisor.Boundary.cs).
/// </summary>
public sealed partial class Sun4vHypervisor : ITrapHandler
{
    private readonly FastTrapEntry?[] _fastTraps = new FastTrapEntry?[0x100];
    private readonly FastTrapEntry?[] _hyperFastTraps = new FastTrapEntry?[0x100];
    private readonly VirtualCpu?[] _cpus = new VirtualCpu?[T1Limits.MaxStrands];
    private readonly List<VirtualCpu> _cpuList = new();

    private readonly record struct FastTrapEntry(ApiGroup Group, ulong Major, ulong Minor, Action<VirtualCpu> Handler);

    public Sun4vHypervisor(MachineConfiguration config, PhysicalMemory memory, IConsoleDevice console, Sun4vMachineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(console);
        Config = config.EnsureValid();
        Memory = memory;
        Console = console;
        Options = options ?? Sun4vMachineOptions.Default;
        MachineDescription = GuestMachineDescription.BuildImage(config);
        GuestBase = config.MemoryBase;
        GuestLimit = config.MemoryBase + config.MemorySize;

        foreach (int id in config.StrandIds())
        {
            var cpu = new VirtualCpu(id, new Strand(id, memory, this));
            cpu.Strand.RunState = StrandRunState.Stopped;
            _cpus[id] = cpu;
            _cpuList.Add(cpu);
        }

        Machine = new MachineServices(this);
        Cpu = new CpuServices(this);
        CrossCalls = new CrossCallServices(this);
        ConsoleCalls = new ConsoleServices(this);
        Tod = new TodServices(this);
        SoftState = new SoftStateServices(this);
        MemoryCalls = new MemoryServices(this);
        TrapTrace = new TrapTraceServices(this);
        DumpBuffer = new DumpBufferServices(this);
    }

    public MachineConfiguration Config { get; }

    public PhysicalMemory Memory { get; }

    public IConsoleDevice Console { get; }

    public Sun4vMachineOptions Options { get; }

    public MachineDescriptionImage MachineDescription { get; }

    /// <summary>Guest-wide state (API versions, TOD offset, soft state, ...).</summary>
    public GuestDomain Guest { get; } = new();

    public CrossCallTrace Trace { get; } = new();

    /// <summary>The vCPUs in id order.</summary>
    public IReadOnlyList<VirtualCpu> Cpus => _cpuList;

    /// <summary>Set once the machine ended; null while it runs.</summary>
    public MachineOutcome? Outcome { get; private set; }

    /// <summary>Traps answered EBADTRAP (unknown trap, unknown or not negotiated function).</summary>
    public long BadTraps => Interlocked.Read(ref _badTraps);

    internal ulong GuestBase { get; }

    internal ulong GuestLimit { get; }

    internal MachineServices Machine { get; }

    internal CpuServices Cpu { get; }

    internal CrossCallServices CrossCalls { get; }

    internal ConsoleServices ConsoleCalls { get; }

    internal TodServices Tod { get; }

    internal SoftStateServices SoftState { get; }

    internal MemoryServices MemoryCalls { get; }

    internal TrapTraceServices TrapTrace { get; }

    internal DumpBufferServices DumpBuffer { get; }

    private long _badTraps;

    /// <summary>The vCPU with id <paramref name="id"/>, or null when the id is not in the guest.</summary>
    public VirtualCpu? CpuById(ulong id) => id < (ulong)_cpus.Length ? _cpus[id] : null;

    public bool HandleTrap(Strand strand, TrapType trap, ulong trapPc, ulong trapNpc)
    {
        int tt = (int)trap;
        if (tt is < (int)TrapType.HyperprivilegedTrap0 or > 0x1ff)
        {
            if (trap == TrapType.CpuMondo)
            {
                CrossCalls.OnMondoTrap(_cpus[strand.Id]!);
            }

            // The guest's own trap table takes it, at TL + 1 (past MAXTL the strand enters error state).
            Options.Events?.OnTrap(new TrapEvent(strand.Id, tt, Math.Min(strand.Tl + 1, Strand.MaxTl), strand.CurrentCycle, trapPc));
            return false;
        }

        VirtualCpu cpu = _cpus[strand.Id]!;
        cpu.Hypercalls++;
        TrapTrace.RecordHypervisorTrap(cpu, trap, trapPc);

        // The hypervisor returns with `done`: to TNPC, trap level unchanged.
        strand.Pc = trapNpc;
        strand.Npc = trapNpc + 4;
        int number = tt - (int)TrapType.TrapInstruction0;
        ulong function = number is (int)HypervisorTrap.FAST_TRAP or (int)HypervisorTrap.CORE_TRAP ? cpu.Arg(5) : (ulong)number;
        ulong begin = strand.CurrentCycle;
        switch (number)
        {
            case (int)HypervisorTrap.FAST_TRAP:
                Dispatch(cpu, _fastTraps, function, countCall: true);
                break;
            case (int)HypervisorTrap.CORE_TRAP:
                CoreTrap(cpu);
                break;
            default:
                Dispatch(cpu, _hyperFastTraps, function, countCall: false);
                break;
        }

        if (Options.Events is { } events)
        {
            var call = new HypercallEvent(strand.Id, number, function, cpu.Arg(0), begin, begin);
            if (cpu.Pending is not null)
            {
                cpu.PendingCall = call; // completes at the boundary (ApplyRequests)
            }
            else
            {
                events.OnHypercall(call);
            }
        }

        return true;
    }

    /// <summary>A HEAD store to the cpu-mondo queue marks the mondos it moved past as handled (and makes room for the mailbox).</summary>
    public void OnQueueHeadWritten(Strand strand, int queueIndex, ulong head)
    {
        ArgumentNullException.ThrowIfNull(strand);
        if (queueIndex == 0)
        {
            CrossCalls.OnCpuMondoHeadWritten(_cpus[strand.Id]!, head);
        }
    }

    /// <summary>The strand took a guest watchdog reset (RTBA + 0x40); the MMU is off already (there is no MMU model yet).</summary>
    public void OnWatchdogReset(Strand strand, TrapType cause)
    {
        ArgumentNullException.ThrowIfNull(strand);
        _cpus[strand.Id]!.WatchdogResets++;
    }

    /// <summary>Registers a FAST_TRAP function, enabled once the guest negotiated <paramref name="group"/> major.minor or later minor.</summary>
    internal void Register(FastTrapFunction function, ApiGroup group, ulong major, ulong minor, Action<VirtualCpu> handler) =>
        _fastTraps[(int)function] = new FastTrapEntry(group, major, minor, handler);

    /// <summary>Registers a hyper-fast trap (`ta 0x83`..`0x85`), dispatched through the same versioned table.</summary>
    internal void Register(HypervisorTrap trap, ApiGroup group, ulong major, ulong minor, Action<VirtualCpu> handler) =>
        _hyperFastTraps[(int)trap] = new FastTrapEntry(group, major, minor, handler);

    /// <summary>True when [<paramref name="ra"/>, <paramref name="ra"/> + <paramref name="size"/>) lies in guest memory (RANGE_CHECK).</summary>
    internal bool InGuest(ulong ra, ulong size) => ra >= GuestBase && ra <= GuestLimit && size <= GuestLimit - ra;

    /// <summary>
    /// Makes <paramref name="cpu"/>'s call wait for the quantum boundary: <paramref name="apply"/>
    /// runs there, in (cycle, strand id) order with every other waiting call, and sets the results.
    /// </summary>
    internal void Defer(VirtualCpu cpu, Action<ulong> apply)
    {
        cpu.Pending = new BoundaryRequest(cpu.Now, cpu.Id, apply);
        cpu.Strand.RunState = StrandRunState.WaitingForBoundary;
        cpu.Strand.Yield();
    }

    private void Dispatch(VirtualCpu cpu, FastTrapEntry?[] table, ulong function, bool countCall)
    {
        if (function < (ulong)table.Length && table[function] is { } entry && Guest.Api.IsEnabled(entry.Group, entry.Major, entry.Minor))
        {
            if (countCall)
            {
                cpu.FastTrapCalls[function]++;
            }

            entry.Handler(cpu);
            return;
        }

        BadTrap(cpu);
    }

    private void CoreTrap(VirtualCpu cpu)
    {
        // CORE_TRAP calls are unversioned: every guest has them (T1 HV hcall_core).
        switch (cpu.Arg(5))
        {
            case (ulong)CoreTrapFunction.API_SET_VERSION:
                Machine.ApiSetVersion(cpu);
                break;
            case (ulong)CoreTrapFunction.API_PUTCHAR:
                ConsoleCalls.ConsPutchar(cpu);
                break;
            case (ulong)CoreTrapFunction.API_EXIT:
                Machine.MachExit(cpu);
                break;
            case (ulong)CoreTrapFunction.API_GET_VERSION:
                Machine.ApiGetVersion(cpu);
                break;
            default:
                BadTrap(cpu);
                break;
        }
    }

    private void BadTrap(VirtualCpu cpu)
    {
        Interlocked.Increment(ref _badTraps);
        cpu.Return(HypervisorError.EBADTRAP);
    }
}

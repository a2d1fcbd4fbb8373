using System.Collections.Concurrent;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Sun4v;

namespace Niagara.Telemetry;

/// <summary>A hypercall counter's key: how it was entered, the function and the status it returned.</summary>
public readonly record struct HypercallKey(int TrapNumber, ulong Function, ulong Status);

/// <summary>Why the domain-boot span ended (<see cref="MachineEventCounters.BootEnd"/>).</summary>
public enum BootEnd
{
    /// <summary>The boot strand started another strand (cpu_start returned EOK).</summary>
    CpuStart,

    /// <summary>The boot strand wrote to the console (cons_putchar, cons_write, api_putchar returned EOK).</summary>
    ConsoleOutput,
}

/// <summary>
/// The metrics' <see cref="IMachineEventSink"/>: counts hypercalls by (trap, function, status)
/// and guest traps by type, and notes when the domain finished booting. Called concurrently
/// from strands of different cores (the sink's thread rule), so it takes no lock:
/// traps, the frequent event (every window spill and fill), are one plain increment of the
/// strand's own slot (a strand reports from one thread at a time); hypercalls find their
/// counter in a concurrent dictionary (lock-free once the key exists) and increment the
/// strand's own slot in it. Readers (<see cref="MachineMetrics"/>, on the exporter's thread)
/// read 64-bit slots without locks: atomic on x64, at worst a count or two behind.
/// </summary>
public sealed class MachineEventCounters : IMachineEventSink
{
    /// <summary>Trap types are 9 bits (tt 0x000..0x1ff).</summary>
    public const int TrapTypes = 0x200;

    private readonly long[][] _traps;
    private readonly ConcurrentDictionary<HypercallKey, long[]> _hypercalls = new();
    private readonly int _bootStrand;
    private long _bootEndCycle = -1;
    private BootEnd _bootEndReason;

    /// <param name="bootStrand">The strand the machine boots (the lowest configured id).</param>
    public MachineEventCounters(int bootStrand)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bootStrand);
        _bootStrand = bootStrand;
        _traps = new long[T1Limits.MaxStrands][];
        for (int i = 0; i < _traps.Length; i++)
        {
            _traps[i] = new long[TrapTypes];
        }
    }

    /// <summary>The boot strand's cycle when boot ended, or null while it boots.</summary>
    public ulong? BootEndCycle
    {
        get
        {
            long cycle = Volatile.Read(ref _bootEndCycle);
            return cycle < 0 ? null : (ulong)cycle;
        }
    }

    /// <summary>What ended the boot (valid once <see cref="BootEndCycle"/> is set).</summary>
    public BootEnd BootEndReason => _bootEndReason;

    public void OnTrap(in TrapEvent trap)
    {
        // Single writer per strand slot: a plain increment, no interlocked bus lock on the hot path.
        _traps[trap.Strand][trap.TrapType & (TrapTypes - 1)]++;
    }

    public void OnHypercall(in HypercallEvent call)
    {
        var key = new HypercallKey(call.TrapNumber, call.Function, call.Status);
        if (!_hypercalls.TryGetValue(key, out long[]? perStrand))
        {
            perStrand = _hypercalls.GetOrAdd(key, static _ => new long[T1Limits.MaxStrands]);
        }

        Interlocked.Increment(ref perStrand[call.Strand]);
        if (call.Strand == _bootStrand && _bootEndCycle < 0 && call.Status == (ulong)HypervisorError.EOK && EndsBoot(call) is { } reason)
        {
            _bootEndReason = reason;
            Volatile.Write(ref _bootEndCycle, (long)call.EndCycle);
        }
    }

    /// <summary>Guest traps of type <paramref name="tt"/> taken by every strand so far.</summary>
    public long TrapCount(int tt)
    {
        long total = 0;
        foreach (long[] strand in _traps)
        {
            total += Volatile.Read(ref strand[tt]);
        }

        return total;
    }

    /// <summary>Traps of type <paramref name="tt"/> taken by strand <paramref name="strand"/>.</summary>
    public long TrapCount(int strand, int tt) => Volatile.Read(ref _traps[strand][tt]);

    /// <summary>Every (trap, function, status) seen so far with its count over all strands.</summary>
    public IEnumerable<KeyValuePair<HypercallKey, long>> HypercallCounts()
    {
        foreach (KeyValuePair<HypercallKey, long[]> entry in _hypercalls)
        {
            long[] perStrand = entry.Value;
            long total = 0;
            for (int i = 0; i < perStrand.Length; i++)
            {
                total += Volatile.Read(ref perStrand[i]);
            }

            yield return new(entry.Key, total);
        }
    }

    // The boot strand's first act for the outside world ends the boot: starting another strand
    // (what an OS does once its own set-up is done) or its first console output.
    private static BootEnd? EndsBoot(in HypercallEvent call) => (HypervisorTrap)call.TrapNumber switch
    {
        HypervisorTrap.FAST_TRAP => (FastTrapFunction)call.Function switch
        {
            FastTrapFunction.CPU_START => BootEnd.CpuStart,
            FastTrapFunction.CONS_PUTCHAR or FastTrapFunction.CONS_WRITE => BootEnd.ConsoleOutput,
            _ => null,
        },
        HypervisorTrap.CORE_TRAP when call.Function == (ulong)CoreTrapFunction.API_PUTCHAR => BootEnd.ConsoleOutput,
        _ => null,
    };
}

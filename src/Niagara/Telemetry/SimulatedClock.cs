namespace Niagara.Telemetry;

/// <summary>
/// Places simulated time on the wall clock for spans: cycle c is at <see cref="Origin"/> +
/// c / clock frequency, where <see cref="Origin"/> is the host time at which the machine began
/// its first quantum. So a span's duration is the simulated duration a T1 at the configured
/// clock would take (a 16 384-cycle cross-call lasts 13.7 us at 1.2 GHz), not the host time the
/// simulator took; the exact cycle stamps are span attributes. The run span alone is host time,
/// so in a trace viewer the simulated spans sit in the first (simulated-seconds) part of it.
/// </summary>
public sealed class SimulatedClock(DateTimeOffset origin, ulong clockHz)
{
    public DateTimeOffset Origin { get; } = origin;

    public ulong ClockHz { get; } = clockHz > 0 ? clockHz : throw new ArgumentOutOfRangeException(nameof(clockHz));

    public DateTimeOffset At(ulong cycle) => Origin + TimeSpan.FromTicks((long)(cycle * (double)TimeSpan.TicksPerSecond / ClockHz));
}

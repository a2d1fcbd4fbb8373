using System.Globalization;

namespace Niagara.Tracing;

/// <summary>
/// Turns cycles into the Chrome trace format's microseconds at the core clock. A cycle becomes
/// whole nanoseconds with integer arithmetic (rounded half up) and is printed as microseconds
/// with up to 3 decimals, trailing zeros dropped, so the text is the same on every host.
/// Whole nanoseconds because that is what viewers keep: Perfetto stores round(ts * 1000) as
/// integer ns, which gives these values back exactly, so a slice's end (ts + dur, with dur the
/// difference of the two rounded ends) lands exactly where this writer put it. Rounding is
/// monotonic, so slices nest and order in nanoseconds exactly as they do in cycles; at 1.2 GHz
/// a cycle is 0.83 ns, so neighbouring cycles can share a nanosecond, and the args keep the
/// exact cycles.
/// </summary>
public sealed class TraceClock
{
    private const ulong NanosecondsPerSecond = 1_000_000_000;
    private const ulong NanosecondsPerMicrosecond = 1_000;

    /// <summary>Longest text <see cref="FormatMicroseconds"/> writes: 36 digits of a UInt128 quotient, '.', 3 decimals.</summary>
    public const int MaxFormattedLength = 48;

    public TraceClock(ulong frequencyHz)
    {
        ArgumentOutOfRangeException.ThrowIfZero(frequencyHz);
        FrequencyHz = frequencyHz;
    }

    public ulong FrequencyHz { get; }

    /// <summary>The cycle's time since cycle 0 in whole nanoseconds (rounded half up).</summary>
    public UInt128 ToNanoseconds(ulong cycle) =>
        (((UInt128)cycle * NanosecondsPerSecond) + (FrequencyHz / 2)) / FrequencyHz;

    /// <summary>Writes <paramref name="nanoseconds"/> as microseconds ("1.5", "0.001", "12"); returns the bytes written.</summary>
    public static int FormatMicroseconds(UInt128 nanoseconds, Span<byte> destination)
    {
        UInt128 whole = nanoseconds / NanosecondsPerMicrosecond;
        ulong fraction = (ulong)(nanoseconds % NanosecondsPerMicrosecond);
        if (!whole.TryFormat(destination, out int written, default, CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("destination too small", nameof(destination));
        }

        if (fraction == 0)
        {
            return written;
        }

        destination[written++] = (byte)'.';
        if (!fraction.TryFormat(destination[written..], out int digits, "D3", CultureInfo.InvariantCulture))
        {
            throw new ArgumentException("destination too small", nameof(destination));
        }

        written += digits;
        while (destination[written - 1] == (byte)'0')
        {
            written--;
        }

        return written;
    }
}

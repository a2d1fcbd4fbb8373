using System.Globalization;

namespace Niagara.Reports;

/// <summary>
/// The live line a run shows on a terminal: simulated cycles, simulated MIPS so far and, when
/// the cycle limit is known, the share done and the time left. Redrawn in place with '\r' at
/// most every <see cref="RefreshInterval"/>; <see cref="Clear"/> erases it before anything else
/// is printed. Not thread-safe: every call comes from the quantum boundary (one thread).
/// </summary>
public sealed class ProgressLine
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);

    private readonly TextWriter _output;
    private readonly ulong _maxCycles;
    private readonly TimeProvider _time;
    private long _start = -1;
    private ulong _startCycle;
    private ulong _startInstructions;
    private long _lastDraw;
    private int _visibleLength;

    /// <param name="maxCycles">The run's cycle limit; <see cref="ulong.MaxValue"/> for none (no ETA).</param>
    public ProgressLine(TextWriter output, ulong maxCycles, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        _output = output;
        _maxCycles = maxCycles;
        _time = time;
    }

    /// <summary>A line on stderr when stderr is a terminal; null (no progress at all) when it is redirected.</summary>
    public static ProgressLine? ForStandardError(ulong maxCycles) =>
        Console.IsErrorRedirected ? null : new ProgressLine(Console.Error, maxCycles, TimeProvider.System);

    /// <summary>
    /// Notes the boundary at <paramref name="cycle"/>; redraws when the last draw is old enough.
    /// Rates count from the first boundary, so machine setup and the actors' start do not dilute them.
    /// </summary>
    /// <param name="instructions">Reads the instructions retired so far (at the first boundary and when the line is drawn).</param>
    public void Update(ulong cycle, Func<ulong> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        long now = _time.GetTimestamp();
        if (_start < 0)
        {
            _start = _lastDraw = now;
            _startCycle = cycle;
            _startInstructions = instructions();
            return;
        }

        if (_time.GetElapsedTime(_lastDraw, now) < RefreshInterval)
        {
            return;
        }

        _lastDraw = now;
        string text = Format(cycle, instructions(), _time.GetElapsedTime(_start, now));

        // Pad over a longer previous line; no newline, so the next draw or Clear overwrites it.
        _output.Write('\r' + text.PadRight(_visibleLength));
        _output.Flush();
        _visibleLength = text.Length;
    }

    /// <summary>Erases the line if it is shown (before guest output, the report or an error message).</summary>
    public void Clear()
    {
        if (_visibleLength == 0)
        {
            return;
        }

        _output.Write('\r' + new string(' ', _visibleLength) + '\r');
        _output.Flush();
        _visibleLength = 0;
    }

    /// <summary>The line's text, e.g. "niagara: cycle 1200000 of 10000000 (12.0%), 85.3 MIPS, 0:04 elapsed, ETA 0:29".</summary>
    /// <param name="elapsed">Host time since the first boundary.</param>
    public string Format(ulong cycle, ulong instructions, TimeSpan elapsed)
    {
        double seconds = elapsed.TotalSeconds;
        double mips = seconds > 0 ? (instructions - _startInstructions) / seconds / 1e6 : 0;
        ulong cyclesRun = cycle - _startCycle;
        var c = CultureInfo.InvariantCulture;
        if (_maxCycles == ulong.MaxValue || _maxCycles == 0)
        {
            return string.Format(c, "niagara: cycle {0}, {1:F1} MIPS, {2} elapsed", cycle, mips, Clock(elapsed));
        }

        // The time left at the rate so far, rounded up to whole seconds.
        double done = Math.Min(1.0, (double)cycle / _maxCycles);
        string eta = cyclesRun == 0 || seconds <= 0 ? "-" : Clock(TimeSpan.FromSeconds(Math.Ceiling(seconds * (_maxCycles - Math.Min(cycle, _maxCycles)) / cyclesRun)));
        return string.Format(c, "niagara: cycle {0} of {1} ({2:F1}%), {3:F1} MIPS, {4} elapsed, ETA {5}", cycle, _maxCycles, done * 100, mips, Clock(elapsed), eta);
    }

    private static string Clock(TimeSpan t) =>
        t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}")
            : string.Create(CultureInfo.InvariantCulture, $"{t.Minutes}:{t.Seconds:D2}");
}

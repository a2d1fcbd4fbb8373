using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Niagara.Memory.Timing;

/// <summary>
/// The busy cycles of one shared resource (a crossbar destination, an L2 bank, a DRAM bank or
/// bus, an FPU pipe) over a sliding window: a bitmap ring, one bit per cycle. A request reserves
/// the first free run of cycles at or after its arrival, so a request that arrives before one
/// already served (logged in a later-replayed quantum, or reaching this stage sooner than its
/// elders) still finds the gap before it; a single "free from" pointer would make it wait
/// behind the later one and, fed back through the strands' clocks, run away. Cycles before the
/// window count as its start; a request that cannot fit before the window's end is served
/// after the last busy cycle seen, unreserved (counted in <see cref="Overflows"/>).
/// <para>
/// The window the owner asks for (<see cref="WindowCycles"/>) and the ring that holds it
/// differ: <see cref="PromiseWindow"/> widens the window at once, the ring only grows to it when
/// a reservation reaches past its end. Results are those of a ring as wide as the window (a
/// reservation past the ring's end would have grown it first), but a calendar that never sees
/// such a request keeps a small ring that stays in the host's cache (measured on txmix, where
/// the weave once grew every calendar twice a run: its service and slide stages ~13 ms faster
/// out of ~190).
/// </para>
/// </summary>
public sealed class Timeline
{
    private const ulong None = ulong.MaxValue;
    private ulong[] _words;
    private ulong _span;   // cycles the ring holds
    private ulong _window; // cycles the window covers: at least _span, the ring grows to it on demand
    private ulong _base;
    private ulong _markedEnd; // end of the latest cycle ever marked: nothing at or past it is set

    /// <param name="windowCycles">Cycles the window covers, a power of two of at least 64.</param>
    public Timeline(int windowCycles)
    {
        if (windowCycles < 64 || !BitOperations.IsPow2(windowCycles))
        {
            throw new ArgumentException($"timeline window must be a power of two >= 64, got {windowCycles}");
        }
        _words = new ulong[windowCycles / 64];
        _span = (ulong)windowCycles;
        _window = _span;
    }

    /// <summary>First cycle the window covers.</summary>
    public ulong Base => _base;

    public ulong WindowCycles => _window;

    /// <summary>Requests that did not fit in the window (served unreserved).</summary>
    public long Overflows { get; private set; }

    /// <summary>First cycle t >= <paramref name="earliest"/> with [t, t + cycles) free; nothing is reserved.</summary>
    public ulong FirstFit(ulong earliest, int cycles)
    {
        while (true)
        {
            ulong t = Math.Max(earliest, _base);
            ulong end = _base + _span;
            if (t + (ulong)cycles <= end && IsFree(t, cycles))
            {
                return t; // no queueing: the common case, without the general search
            }
            ulong fit = Search(t, cycles, end);
            if (fit + (ulong)cycles <= end || !GrowRing())
            {
                return fit;
            }
        }
    }

    /// <summary>The first free run of <paramref name="cycles"/> at or after <paramref name="t"/> before <paramref name="end"/>, else the later of t and end.</summary>
    private ulong Search(ulong t, int cycles, ulong end)
    {
        while (t + (ulong)cycles <= end)
        {
            ulong free = ScanZero(t, end);
            if (free == None || free + (ulong)cycles > end)
            {
                break;
            }
            ulong busy = ScanOne(free, free + (ulong)cycles);
            if (busy == None)
            {
                return free;
            }
            t = busy + 1;
        }
        return Math.Max(t, end); // past the window: after everything it holds
    }

    /// <summary>Marks [start, start + cycles) busy (the part inside the window).</summary>
    public void Mark(ulong start, int cycles)
    {
        if (start + (ulong)cycles > _base + _span)
        {
            GrowRing();
        }
        ulong from = Math.Max(start, _base);
        ulong to = Math.Min(start + (ulong)cycles, _base + _span);
        if (to <= from)
        {
            Overflows++;
            return;
        }
        _markedEnd = Math.Max(_markedEnd, to);
        if ((from & 63) + (to - from) <= 64)
        {
            SetInWord(from, (int)(to - from), true); // the common case: one word
            return;
        }
        Set(from, to - from, true);
    }

    /// <summary>Reserves the first free run of <paramref name="cycles"/> at or after <paramref name="earliest"/>; returns its start.</summary>
    public ulong Reserve(ulong earliest, int cycles)
    {
        // The common case, a free run inside one word of the window or straddling two (a DRAM
        // bank's row cycle), tested and taken in place (measured: the crossbar stages of the
        // weave 14 % faster than FirstFit then Mark).
        ulong t = Math.Max(earliest, _base);
        int lo = (int)(t & 63);
        if (cycles > 0 && lo + cycles <= 128 && t + (ulong)cycles <= _base + _span)
        {
            int mask = _words.Length - 1;
            int w = (int)(t >> 6) & mask;
            ref ulong words = ref MemoryMarshal.GetArrayDataReference(_words);
            ref ulong first = ref Unsafe.Add(ref words, w);
            if (lo + cycles <= 64)
            {
                ulong bits = LowBits(cycles) << lo;
                if ((first & bits) == 0)
                {
                    first |= bits;
                    _markedEnd = Math.Max(_markedEnd, t + (ulong)cycles);
                    return t;
                }
            }
            else
            {
                ref ulong second = ref Unsafe.Add(ref words, (w + 1) & mask);
                ulong head = ~0UL << lo;
                ulong tail = LowBits(lo + cycles - 64);
                if ((first & head) == 0 && (second & tail) == 0)
                {
                    first |= head;
                    second |= tail;
                    _markedEnd = Math.Max(_markedEnd, t + (ulong)cycles);
                    return t;
                }
            }
        }

        ulong start = FirstFit(earliest, cycles);
        Mark(start, cycles);
        return start;
    }

    /// <summary>Moves the window's start forward to <paramref name="newBase"/> (never back), forgetting what lies before it.</summary>
    public void Advance(ulong newBase)
    {
        if (newBase <= _base)
        {
            return;
        }
        // Only [base, last marked cycle) can hold set bits: an idle resource clears nothing.
        ulong dirtyEnd = Math.Min(newBase, _markedEnd);
        if (dirtyEnd > _base)
        {
            if (dirtyEnd - _base >= _span)
            {
                Array.Clear(_words);
            }
            else
            {
                Set(_base, dirtyEnd - _base, false); // those bits now stand for cycles past the old end
            }
        }
        _base = newBase;
    }

    /// <summary>
    /// Doubles the window until it covers at least <paramref name="cycles"/>, keeping every
    /// reservation. The ring follows when a reservation first reaches past its end.
    /// </summary>
    public void PromiseWindow(ulong cycles)
    {
        while (_window < cycles)
        {
            _window *= 2;
        }
    }

    /// <summary>Grows the ring to the promised window; returns whether it grew.</summary>
    private bool GrowRing()
    {
        if (_span == _window)
        {
            return false;
        }
        // Word by word into the bigger ring. The window's first and last words share one old
        // ring word when the base is not word-aligned: each takes its own part.
        ulong[] old = _words;
        var words = new ulong[_window / 64];
        ulong first = _base >> 6;
        ulong end = _base + _span;
        ulong last = (end - 1) >> 6;
        for (ulong w = first; w <= last; w++)
        {
            ulong bits = old[(int)w & (old.Length - 1)];
            if (w == first)
            {
                bits &= ~0UL << (int)(_base & 63);
            }
            if (w == last && (end & 63) != 0)
            {
                bits &= LowBits((int)(end & 63));
            }
            words[(int)w & (words.Length - 1)] |= bits;
        }
        _words = words;
        _span = _window;
        return true;
    }

    /// <summary>Whether [t, t + cycles) is all free (t inside the window, the run not past its end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool IsFree(ulong t, int cycles)
    {
        int lo = (int)(t & 63);
        if (lo + cycles > 128)
        {
            return ScanOne(t, t + (ulong)cycles) == None;
        }
        int mask = _words.Length - 1;
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(_words);
        int w = (int)(t >> 6) & mask;
        ulong first = Unsafe.Add(ref words, w) >> lo;
        if (lo + cycles <= 64)
        {
            return (first & LowBits(cycles)) == 0;
        }
        return first == 0 && (Unsafe.Add(ref words, (w + 1) & mask) & LowBits(lo + cycles - 64)) == 0;
    }

    /// <summary>The low <paramref name="n"/> bits set, 1 &lt;= n &lt;= 64.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LowBits(int n) => n >= 64 ? ~0UL : (1UL << n) - 1;

    /// <summary>First free cycle in [from, limit), or None.</summary>
    private ulong ScanZero(ulong from, ulong limit)
    {
        int mask = _words.Length - 1;
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(_words);
        ulong c = from;
        while (c < limit)
        {
            ulong word = ~Unsafe.Add(ref words, (int)(c >> 6) & mask) & (~0UL << (int)(c & 63));
            if (word != 0)
            {
                ulong hit = (c & ~63UL) + (ulong)BitOperations.TrailingZeroCount(word);
                return hit < limit ? hit : None;
            }
            c = (c & ~63UL) + 64;
        }
        return None;
    }

    /// <summary>First busy cycle in [from, limit), or None.</summary>
    private ulong ScanOne(ulong from, ulong limit)
    {
        int mask = _words.Length - 1;
        ref ulong words = ref MemoryMarshal.GetArrayDataReference(_words);
        ulong c = from;
        while (c < limit)
        {
            ulong word = Unsafe.Add(ref words, (int)(c >> 6) & mask) & (~0UL << (int)(c & 63));
            if (word != 0)
            {
                ulong hit = (c & ~63UL) + (ulong)BitOperations.TrailingZeroCount(word);
                return hit < limit ? hit : None;
            }
            c = (c & ~63UL) + 64;
        }
        return None;
    }

    /// <summary>Sets or clears the bits of [from, from + count); count is at most the window.</summary>
    private void Set(ulong from, ulong count, bool value)
    {
        ulong c = from;
        ulong end = from + count;
        if ((c & 63) != 0)
        {
            ulong n = Math.Min(64 - (c & 63), end - c);
            SetInWord(c, (int)n, value);
            c += n;
        }
        ulong whole = (end - c) >> 6;
        if (whole > 0 && whole <= 4)
        {
            ulong fill = value ? ~0UL : 0;
            for (ulong k = 0; k < whole; k++, c += 64)
            {
                _words[(int)(c >> 6) & (_words.Length - 1)] = fill;
            }
        }
        else if (whole > 0)
        {
            // Whole words at once (the boundary's Advance clears a quantum's worth).
            int w = (int)(c >> 6) & (_words.Length - 1);
            int first = (int)Math.Min(whole, (ulong)(_words.Length - w));
            ulong fill = value ? ~0UL : 0;
            _words.AsSpan(w, first).Fill(fill);
            _words.AsSpan(0, (int)whole - first).Fill(fill);
            c += whole << 6;
        }
        if (c < end)
        {
            SetInWord(c, (int)(end - c), value);
        }
    }

    private void SetInWord(ulong c, int n, bool value)
    {
        int lo = (int)(c & 63);
        ulong bits = (n == 64 ? ~0UL : ((1UL << n) - 1)) << lo;
        ref ulong w = ref _words[(int)(c >> 6) & (_words.Length - 1)];
        w = value ? w | bits : w & ~bits;
    }
}

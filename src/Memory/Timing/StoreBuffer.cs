namespace Niagara.Memory.Timing;

/// <summary>
/// One strand's store buffer [UA s1.3.1.3]: N entries, drained to the L2 one store at a time
/// (one outstanding TSO store per strand); an entry frees when its store-ack returns. Holds the
/// completion cycle of each buffered store, oldest first.
/// </summary>
public sealed class StoreBuffer
{
    private readonly ulong[] _done;
    private int _head;
    private int _count;
    private ulong _lastDone;

    public StoreBuffer(int entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(entries);
        _done = new ulong[entries];
    }

    public int Capacity => _done.Length;

    /// <summary>Cycle by which every buffered store has been acknowledged.</summary>
    public ulong DrainedAt => _lastDone;

    /// <summary>Stores still outstanding at <paramref name="now"/>.</summary>
    public int Outstanding(ulong now)
    {
        Retire(now);
        return _count;
    }

    /// <summary>
    /// Buffers a store issued at <paramref name="now"/> whose trip to the L2 and back takes
    /// <paramref name="latency"/> cycles. Returns the cycles the strand stalls because the buffer
    /// is full; <paramref name="sendAt"/> is when the store leaves for the L2 (after the older ones).
    /// </summary>
    public int Add(ulong now, int latency, out ulong sendAt)
    {
        Retire(now);
        int stall = 0;
        if (_count == _done.Length)
        {
            ulong free = _done[_head];
            stall = (int)(free - now);
            now = free;
            Retire(now);
        }
        sendAt = Math.Max(now, _lastDone);
        _lastDone = sendAt + (ulong)latency;
        _done[Wrap(_head + _count)] = _lastDone;
        _count++;
        return stall;
    }

    /// <summary>Cycles until the buffer is empty (an atomic or MEMBAR waits this long).</summary>
    public int DrainWait(ulong now) => _lastDone > now ? (int)(_lastDone - now) : 0;

    /// <summary>
    /// The stores still buffered after <paramref name="after"/> are acknowledged
    /// <paramref name="cycles"/> later than assumed (queueing found at the boundary).
    /// </summary>
    public void Postpone(ulong after, ulong cycles)
    {
        for (int k = 0; k < _count; k++)
        {
            ref ulong done = ref _done[Wrap(_head + k)];
            if (done > after)
            {
                done += cycles;
            }
        }
        if (_lastDone > after)
        {
            _lastDone += cycles;
        }
    }

    /// <summary>An index below twice the capacity, back into the ring (no division on the store path).</summary>
    private int Wrap(int i) => i >= _done.Length ? i - _done.Length : i;

    private void Retire(ulong now)
    {
        while (_count > 0 && _done[_head] <= now)
        {
            _head = Wrap(_head + 1);
            _count--;
        }
    }
}

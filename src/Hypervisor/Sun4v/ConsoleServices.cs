namespace Niagara.Hypervisor.Sun4v;

/// <summary>Console output one vCPU produced during the current quantum, stamped with its clock.</summary>
internal sealed class ConsoleOutputBuffer
{
    public List<byte> Bytes { get; } = new();

    /// <summary>(cycle, start in Bytes, length); length -1 marks a BREAK.</summary>
    public List<(ulong Cycle, int Start, int Length)> Chunks { get; } = new();

    public void Add(ulong cycle, ReadOnlySpan<byte> bytes)
    {
        Chunks.Add((cycle, Bytes.Count, bytes.Length));
        foreach (byte b in bytes)
        {
            Bytes.Add(b);
        }
    }

    public void AddBreak(ulong cycle) => Chunks.Add((cycle, Bytes.Count, -1));

    public void Clear()
    {
        Bytes.Clear();
        Chunks.Clear();
    }
}

/// <summary>
/// Console services: cons_putchar (also CORE_TRAP api_putchar), cons_getchar, cons_read,
/// cons_write (sun4v reference section 7; T1 HV vdev_console.s). Output is kept per vCPU with
/// its cycle and written to the device at the quantum boundary in (cycle, strand id) order, so
/// the text does not depend on host threads. Input is taken at the call (the device locks it);
/// only two strands of different cores reading input in the same quantum can see an order that
/// depends on host threads.
/// </summary>
internal sealed class ConsoleServices
{
    private const ulong MaxChar = 255;
    private const ulong ConsBreak = unchecked((ulong)-1L);
    private const ulong ConsHup = unchecked((ulong)-2L);

    private readonly Sun4vHypervisor _hv;
    private readonly List<(ulong Cycle, int StrandId, int Order, ConsoleOutputBuffer Buffer, int Start, int Length)> _merge = new();

    public ConsoleServices(Sun4vHypervisor hv)
    {
        _hv = hv;
        hv.Register(FastTrapFunction.CONS_GETCHAR, ApiGroup.CORE, 1, 0, ConsGetchar);
        hv.Register(FastTrapFunction.CONS_PUTCHAR, ApiGroup.CORE, 1, 0, ConsPutchar);
        hv.Register(FastTrapFunction.CONS_READ, ApiGroup.CORE, 1, 1, ConsRead);
        hv.Register(FastTrapFunction.CONS_WRITE, ApiGroup.CORE, 1, 1, ConsWrite);
    }

    private IConsoleDevice Device => _hv.Console;

    /// <summary>cons_putchar(ch): 0..255 or -1 (BREAK), else EINVAL; an unconfigured console swallows anything.</summary>
    public void ConsPutchar(VirtualCpu cpu)
    {
        ulong ch = cpu.Arg(0);
        if (!Device.IsConfigured)
        {
            cpu.Return(HypervisorError.EOK); // T1 HV: the range check is compiled out, output discarded
            return;
        }

        if (ch == ConsBreak)
        {
            cpu.Output.AddBreak(cpu.Now);
        }
        else if (ch > MaxChar)
        {
            cpu.Return(HypervisorError.EINVAL);
            return;
        }
        else
        {
            cpu.Output.Add(cpu.Now, [(byte)ch]);
        }

        cpu.Return(HypervisorError.EOK);
    }

    /// <summary>cons_getchar -> ch, or -1 BREAK, -2 HUP; nothing there EWOULDBLOCK.</summary>
    public void ConsGetchar(VirtualCpu cpu)
    {
        switch (Device.Read(out byte ch))
        {
            case ConsoleInputKind.Character:
                cpu.Return(HypervisorError.EOK, ch);
                break;
            case ConsoleInputKind.Break:
                cpu.Return(HypervisorError.EOK, ConsBreak);
                break;
            case ConsoleInputKind.Hangup:
                cpu.Return(HypervisorError.EOK, ConsHup);
                break;
            default:
                cpu.Return(HypervisorError.EWOULDBLOCK);
                break;
        }
    }

    /// <summary>
    /// cons_read(buf, len) -> count, or -1 / -2 for a BREAK / HUP at the front (CORE 1.1).
    /// len 0: EOK at once; nothing there: EWOULDBLOCK; then buffer outside guest memory: ENORADDR
    /// (the T1 HV looks for input before it checks the buffer).
    /// </summary>
    public void ConsRead(VirtualCpu cpu)
    {
        ulong buffer = cpu.Arg(0), length = cpu.Arg(1);
        if (length == 0)
        {
            cpu.Return(HypervisorError.EOK);
            return;
        }

        ConsoleInputKind first = Device.Peek();
        if (first == ConsoleInputKind.None)
        {
            cpu.Return(HypervisorError.EWOULDBLOCK);
            return;
        }

        if (first != ConsoleInputKind.Character)
        {
            Device.Read(out _);
            cpu.Return(HypervisorError.EOK, first == ConsoleInputKind.Break ? ConsBreak : ConsHup);
            return;
        }

        if (!_hv.InGuest(buffer, length))
        {
            cpu.Return(HypervisorError.ENORADDR);
            return;
        }

        ulong count = 0;
        while (count < length && Device.Read(out byte ch, charactersOnly: true) == ConsoleInputKind.Character)
        {
            _hv.Memory.WriteU8(buffer + count, ch);
            count++;
        }

        cpu.Return(HypervisorError.EOK, count);
    }

    /// <summary>cons_write(buf, len) -> count written (all of it). len 0: EOK at once; outside guest memory: ENORADDR.</summary>
    public void ConsWrite(VirtualCpu cpu)
    {
        ulong buffer = cpu.Arg(0), length = cpu.Arg(1);
        if (length == 0)
        {
            cpu.Return(HypervisorError.EOK);
            return;
        }

        if (!_hv.InGuest(buffer, length) || length > int.MaxValue)
        {
            cpu.Return(HypervisorError.ENORADDR);
            return;
        }

        if (Device.IsConfigured)
        {
            byte[] bytes = new byte[length];
            _hv.Memory.Read(buffer, bytes);
            cpu.Output.Add(cpu.Now, bytes);
        }

        cpu.Return(HypervisorError.EOK, length);
    }

    /// <summary>
    /// Writes the quantum's output of every vCPU in (cycle, strand id) order; with
    /// <paramref name="until"/> (a mach_exit) output stamped after the exit is not written.
    /// </summary>
    public void Flush((ulong Cycle, int StrandId)? until)
    {
        _merge.Clear();
        foreach (VirtualCpu cpu in _hv.Cpus)
        {
            var chunks = cpu.Output.Chunks;
            for (int i = 0; i < chunks.Count; i++)
            {
                _merge.Add((chunks[i].Cycle, cpu.Id, i, cpu.Output, chunks[i].Start, chunks[i].Length));
            }
        }

        if (_merge.Count == 0)
        {
            return;
        }

        _merge.Sort(static (a, b) =>
            a.Cycle != b.Cycle ? a.Cycle.CompareTo(b.Cycle)
            : a.StrandId != b.StrandId ? a.StrandId.CompareTo(b.StrandId)
            : a.Order.CompareTo(b.Order));
        foreach (var chunk in _merge)
        {
            if (until is { } stop && (chunk.Cycle > stop.Cycle || (chunk.Cycle == stop.Cycle && chunk.StrandId > stop.StrandId)))
            {
                break;
            }

            if (chunk.Length < 0)
            {
                Device.SendBreak();
            }
            else
            {
                Device.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(chunk.Buffer.Bytes).Slice(chunk.Start, chunk.Length));
            }
        }

        foreach (VirtualCpu cpu in _hv.Cpus)
        {
            cpu.Output.Clear();
        }

        _merge.Clear();
        Device.Flush();
    }
}

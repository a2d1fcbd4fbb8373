using System.Text;

namespace Niagara.Hypervisor.Sun4v;

/// <summary>What a console read found (sun4v reference section 7: BREAK reads as -1, HUP as -2).</summary>
public enum ConsoleInputKind
{
    None,
    Character,
    Break,
    Hangup,
}

/// <summary>
/// The domain's console as the cons_* hypercalls see it. The hypervisor hands it output in
/// deterministic order at quantum boundaries (never from two threads at once).
/// </summary>
public interface IConsoleDevice
{
    /// <summary>
    /// False for an unconfigured console (T1 HV): output is discarded with EOK, getchar answers
    /// EWOULDBLOCK and putchar skips its range check.
    /// </summary>
    bool IsConfigured { get; }

    void Write(ReadOnlySpan<byte> bytes);

    /// <summary>cons_putchar(-1): send BREAK.</summary>
    void SendBreak();

    /// <summary>
    /// Takes the next input item, if any. With <paramref name="charactersOnly"/> a BREAK or HUP
    /// at the front is left in place and None returned (cons_read stops before it).
    /// </summary>
    ConsoleInputKind Read(out byte character, bool charactersOnly = false);

    /// <summary>What <see cref="Read"/> would return next, without taking it.</summary>
    ConsoleInputKind Peek();

    /// <summary>Pushes buffered output to the sink; called at every boundary that wrote output.</summary>
    void Flush();
}

/// <summary>
/// A console whose output goes to a <see cref="TextWriter"/> (guest bytes decoded as UTF-8, so
/// ASCII and UTF-8 guests print as written) and whose input is whatever was queued with
/// <see cref="EnqueueInput"/>. Output reaches the writer at each quantum boundary, so a run that
/// ends in error keeps everything the guest printed until then.
/// </summary>
public sealed class TextWriterConsole : IConsoleDevice
{
    private readonly TextWriter _output;
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly Queue<(ConsoleInputKind Kind, byte Value)> _input = new();
    private readonly Lock _inputLock = new();
    private char[] _chars = new char[256];

    public TextWriterConsole(TextWriter output, bool configured = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        IsConfigured = configured;
    }

    /// <summary>A console that discards output and never has input (ConsoleSink.Null).</summary>
    public static TextWriterConsole Unconfigured() => new(TextWriter.Null, configured: false);

    public bool IsConfigured { get; }

    /// <summary>Bytes the guest wrote so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>BREAKs the guest sent.</summary>
    public long BreaksSent { get; private set; }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        BytesWritten += bytes.Length;
        if (!IsConfigured)
        {
            return;
        }

        int needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        int n = _decoder.GetChars(bytes, _chars, flush: false);
        _output.Write(_chars, 0, n);
    }

    public void SendBreak() => BreaksSent++;

    public void Flush() => _output.Flush();

    /// <summary>Queues bytes for cons_getchar / cons_read.</summary>
    public void EnqueueInput(ReadOnlySpan<byte> bytes)
    {
        lock (_inputLock)
        {
            foreach (byte b in bytes)
            {
                _input.Enqueue((ConsoleInputKind.Character, b));
            }
        }
    }

    /// <summary>Queues a BREAK (read as -1) or a hang-up (read as -2).</summary>
    public void EnqueueSignal(ConsoleInputKind kind)
    {
        if (kind is not (ConsoleInputKind.Break or ConsoleInputKind.Hangup))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "only Break and Hangup are signals");
        }

        lock (_inputLock)
        {
            _input.Enqueue((kind, 0));
        }
    }

    public ConsoleInputKind Peek()
    {
        if (!IsConfigured)
        {
            return ConsoleInputKind.None;
        }

        lock (_inputLock)
        {
            return _input.TryPeek(out var item) ? item.Kind : ConsoleInputKind.None;
        }
    }

    public ConsoleInputKind Read(out byte character, bool charactersOnly = false)
    {
        character = 0;
        if (!IsConfigured)
        {
            return ConsoleInputKind.None;
        }

        lock (_inputLock)
        {
            if (!_input.TryPeek(out var item) || (charactersOnly && item.Kind != ConsoleInputKind.Character))
            {
                return ConsoleInputKind.None;
            }

            _input.Dequeue();
            character = item.Value;
            return item.Kind;
        }
    }
}

using System.Text;

namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>
/// One property of an MD node: a 64-bit value, a string, a data blob (often a NUL-separated
/// string list) or an arc to another node. Immutable.
/// </summary>
public sealed class MdProperty
{
    private readonly byte[] data;

    private MdProperty(MdTag tag, string name, ulong value, byte[] data, MdNode? target)
    {
        Tag = tag;
        Name = name;
        Value = value;
        this.data = data;
        Target = target;
    }

    public MdTag Tag { get; }

    public string Name { get; }

    /// <summary>The value of a <see cref="MdTag.PropVal"/>; 0 for other kinds.</summary>
    public ulong Value { get; }

    /// <summary>The data-block bytes of a string (including its NUL) or data property; empty otherwise.</summary>
    public ReadOnlySpan<byte> Data => data;

    /// <summary>The node an arc points to; null for other kinds.</summary>
    public MdNode? Target { get; }

    public bool IsArc(string arcName) => Tag == MdTag.PropArc && Name == arcName;

    /// <summary>The text of a <see cref="MdTag.PropStr"/>, without its NUL.</summary>
    public string StringValue => Tag == MdTag.PropStr && data.Length > 0
        ? Encoding.ASCII.GetString(data, 0, data.Length - 1)
        : throw new InvalidOperationException($"property '{Name}' is not a string");

    /// <summary>
    /// The strings of a NUL-separated list (a <see cref="MdTag.PropData"/> such as "compatible",
    /// or a single <see cref="MdTag.PropStr"/>), as Linux's of_find_in_proplist walks them.
    /// </summary>
    public IReadOnlyList<string> StringList()
    {
        if (Tag is not (MdTag.PropData or MdTag.PropStr))
            throw new InvalidOperationException($"property '{Name}' holds no strings");
        var list = new List<string>();
        int start = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] != 0)
                continue;
            list.Add(Encoding.ASCII.GetString(data, start, i - start));
            start = i + 1;
        }
        return list;
    }

    internal static MdProperty Val(string name, ulong value) => new(MdTag.PropVal, CheckName(name), value, Array.Empty<byte>(), null);

    internal static MdProperty Arc(string name, MdNode target) => new(MdTag.PropArc, CheckName(name), 0, Array.Empty<byte>(), target);

    internal static MdProperty Str(string name, string text) => new(MdTag.PropStr, CheckName(name), 0, Terminated(name, text), null);

    internal static MdProperty Strings(string name, IReadOnlyList<string> items)
    {
        CheckName(name);
        if (items.Count == 0)
            throw new ArgumentException($"string list '{name}' is empty", nameof(items));
        var bytes = new List<byte>();
        foreach (string item in items)
        {
            if (item.Length == 0)
                throw new ArgumentException($"string list '{name}' has an empty entry (back-to-back NULs)", nameof(items));
            bytes.AddRange(Terminated(name, item));
        }
        return new MdProperty(MdTag.PropData, name, 0, bytes.ToArray(), null);
    }

    internal static MdProperty Blob(string name, ReadOnlySpan<byte> bytes) => new(MdTag.PropData, CheckName(name), 0, bytes.ToArray(), null);

    /// <summary>A string or data property read from an MD; the reader has already checked it.</summary>
    internal static MdProperty FromElement(MdTag tag, string name, ulong value, byte[] bytes, MdNode? target) =>
        new(tag, name, value, bytes, target);

    /// <summary>Node and property names: printable ASCII, 1..255 bytes (name_len is a u8).</summary>
    internal static string CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MdFormat.MaxNameLength)
            throw new ArgumentException($"MD name '{name}' must be 1..{MdFormat.MaxNameLength} characters", nameof(name));
        foreach (char c in name)
        {
            if (c is < '!' or > '~')
                throw new ArgumentException($"MD name '{name}' must be printable ASCII without spaces", nameof(name));
        }
        return name;
    }

    private static byte[] Terminated(string name, string text)
    {
        foreach (char c in text)
        {
            if (c is '\0' or > '\x7f')
                throw new ArgumentException($"string of '{name}' must be ASCII without NUL", nameof(text));
        }
        var bytes = new byte[text.Length + 1];
        Encoding.ASCII.GetBytes(text, bytes);
        return bytes;
    }
}

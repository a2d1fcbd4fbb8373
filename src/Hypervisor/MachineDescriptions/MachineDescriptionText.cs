using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>
/// Readable text for an MD (what `niagara md` prints): a summary line with the block sizes, then
/// one block per node in element order, "node INDEX NAME { ... }", with its properties and arcs
/// in order. Strings are quoted, string lists braced, arcs show the target's index and name;
/// addresses and sizes are hex, counts and frequencies decimal.
/// </summary>
public static class MachineDescriptionText
{
    // Values that are addresses, sizes, masks or handles read best in hex.
    private static readonly HashSet<string> HexValues = new(StringComparer.Ordinal)
    {
        MdPropertyNames.Base, MdPropertyNames.Size, MdPropertyNames.LineSize, MdPropertyNames.MacAddress,
        MdPropertyNames.HostId, MdPropertyNames.CfgHandle, MdPropertyNames.Ino, MdPropertyNames.MmuPageSizeList,
    };

    /// <summary>Parses and formats binary MD bytes; throws <see cref="MdFormatException"/> if they are malformed.</summary>
    public static string Format(ReadOnlySpan<byte> md)
    {
        var parsed = MachineDescription.Parse(md);
        uint nodeSize = BinaryPrimitives.ReadUInt32BigEndian(md[4..]);
        uint nameSize = BinaryPrimitives.ReadUInt32BigEndian(md[8..]);
        uint dataSize = BinaryPrimitives.ReadUInt32BigEndian(md[12..]);
        uint version = BinaryPrimitives.ReadUInt32BigEndian(md);
        long total = MdFormat.HeaderSize + (long)nodeSize + nameSize + dataSize;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"machine description v{version >> 16}.{version & 0xffff}, 0x{total:x} bytes: {parsed.Nodes.Count} nodes, {nodeSize / MdFormat.ElementSize} elements (node block 0x{nodeSize:x}), name block 0x{nameSize:x}, data block 0x{dataSize:x}\n");
        AppendNodes(sb, parsed);
        return sb.ToString();
    }

    /// <summary>Formats the nodes of an MD model (element indices appear once it was serialized or parsed).</summary>
    public static string Format(MachineDescription md)
    {
        var sb = new StringBuilder();
        AppendNodes(sb, md);
        return sb.ToString();
    }

    private static void AppendNodes(StringBuilder sb, MachineDescription md)
    {
        foreach (var node in md.Nodes)
        {
            sb.Append('\n').Append("node ").Append(Label(node)).Append(" {\n");
            foreach (var p in node.Properties)
                AppendProperty(sb, p);
            sb.Append("}\n");
        }
    }

    private static void AppendProperty(StringBuilder sb, MdProperty p)
    {
        sb.Append("    ").Append(p.Name);
        switch (p.Tag)
        {
            case MdTag.PropArc:
                sb.Append(" -> ").Append(Label(p.Target!));
                break;
            case MdTag.PropVal:
                sb.Append(" = ").Append(HexValues.Contains(p.Name)
                    ? "0x" + p.Value.ToString("x", CultureInfo.InvariantCulture)
                    : p.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case MdTag.PropStr:
                sb.Append(" = ");
                AppendQuoted(sb, p.Data[..^1]);
                break;
            default:
                sb.Append(" = ");
                AppendData(sb, p.Data);
                break;
        }
        sb.Append('\n');
    }

    private static string Label(MdNode node) =>
        node.ElementIndex >= 0 ? $"0x{node.ElementIndex:x} {node.Name}" : node.Name;

    // A NUL-separated list of non-empty printable strings prints as { "a", "b" }; anything else as bytes.
    private static void AppendData(StringBuilder sb, ReadOnlySpan<byte> data)
    {
        if (IsStringList(data))
        {
            sb.Append("{ ");
            int start = 0;
            bool first = true;
            for (int i = 0; i < data.Length; i++)
            {
                if (data[i] != 0)
                    continue;
                if (!first)
                    sb.Append(", ");
                AppendQuoted(sb, data[start..i]);
                first = false;
                start = i + 1;
            }
            sb.Append(" }");
            return;
        }
        sb.Append('[');
        foreach (byte b in data)
            sb.Append(CultureInfo.InvariantCulture, $" {b:x2}");
        sb.Append(" ]");
    }

    private static bool IsStringList(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0 || data[^1] != 0)
            return false;
        bool entryStart = true;
        foreach (byte b in data)
        {
            if (b == 0 && entryStart)
                return false;   // empty entry: back-to-back NULs
            if (b != 0 && b is < 0x20 or > 0x7e)
                return false;
            entryStart = b == 0;
        }
        return true;
    }

    private static void AppendQuoted(StringBuilder sb, ReadOnlySpan<byte> text)
    {
        sb.Append('"');
        foreach (byte b in text)
        {
            if (b is (byte)'"' or (byte)'\\')
                sb.Append('\\').Append((char)b);
            else if (b is >= 0x20 and <= 0x7e)
                sb.Append((char)b);
            else
                sb.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
        }
        sb.Append('"');
    }
}

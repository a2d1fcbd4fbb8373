using System.Buffers.Binary;
using System.Text;

namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>
/// Writes the binary MD exactly as Sun's mdgen does (output_bin.c): header, node block, name
/// block, data block, all big-endian.
/// <list type="bullet">
/// <item>Node block: per node a NODE element (value = index of the next NODE, or of LIST_END
/// for the last), one element per property, a NODE_END; then one LIST_END. node_sz = 16 x
/// elements including LIST_END.</item>
/// <item>Name block: each distinct name once, NUL-terminated, in first-use order, padded to 16.
/// Names must not repeat: illumos compares name offsets, not strings (md_find_name).</item>
/// <item>Data block: each string/data item at the next 8-byte boundary, in element order; the
/// block is padded to 16 so the MD is a 16-byte multiple.</item>
/// </list>
/// </summary>
internal static class MdSerializer
{
    public static byte[] Serialize(MachineDescription md)
    {
        var nodes = md.Nodes;
        long elements = AssignElementIndices(nodes);
        long listEnd = elements - 1;

        var names = new NameTable();
        long dataBytes = 0;
        foreach (var node in nodes)
        {
            names.Intern(node.Name);
            foreach (var p in node.Properties)
            {
                names.Intern(p.Name);
                if (p.Tag is MdTag.PropStr or MdTag.PropData)
                    dataBytes = MdFormat.Align(dataBytes, MdFormat.DataItemAlignment) + p.Data.Length;
            }
        }

        long nodeSize = elements * MdFormat.ElementSize;
        long nameSize = MdFormat.Align(names.Size, MdFormat.NameBlockAlignment);
        long dataSize = MdFormat.Align(dataBytes, MdFormat.DataBlockAlignment);
        long total = MdFormat.HeaderSize + nodeSize + nameSize + dataSize;
        if (total > int.MaxValue)
            throw new InvalidOperationException($"machine description of 0x{total:x} bytes is too large");

        var buffer = new byte[total];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, MdFormat.TransportVersion);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)nodeSize);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)nameSize);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], (uint)dataSize);

        var nodeBlock = span.Slice(MdFormat.HeaderSize, (int)nodeSize);
        var dataBlock = span.Slice((int)(MdFormat.HeaderSize + nodeSize + nameSize), (int)dataSize);
        names.CopyTo(span.Slice((int)(MdFormat.HeaderSize + nodeSize), (int)nameSize));

        int e = 0;
        int dataCursor = 0;
        for (int n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            ulong next = n + 1 < nodes.Count ? (ulong)nodes[n + 1].ElementIndex : (ulong)listEnd;
            WriteElement(nodeBlock, e++, MdTag.Node, names, node.Name, next);
            foreach (var p in node.Properties)
            {
                switch (p.Tag)
                {
                    case MdTag.PropVal:
                        WriteElement(nodeBlock, e++, p.Tag, names, p.Name, p.Value);
                        break;
                    case MdTag.PropArc:
                        WriteElement(nodeBlock, e++, p.Tag, names, p.Name, (ulong)p.Target!.ElementIndex);
                        break;
                    default:
                        dataCursor = (int)MdFormat.Align(dataCursor, MdFormat.DataItemAlignment);
                        p.Data.CopyTo(dataBlock[dataCursor..]);
                        // PROP_STR / PROP_DATA: u32 length then u32 offset into the data block.
                        ulong lenOffset = ((ulong)(uint)p.Data.Length << 32) | (uint)dataCursor;
                        WriteElement(nodeBlock, e++, p.Tag, names, p.Name, lenOffset);
                        dataCursor += p.Data.Length;
                        break;
                }
            }
            nodeBlock[(e++ * MdFormat.ElementSize)] = (byte)MdTag.NodeEnd;
        }
        nodeBlock[e * MdFormat.ElementSize] = (byte)MdTag.ListEnd;
        return buffer;
    }

    /// <summary>Sets each node's element index; returns the element count including LIST_END.</summary>
    private static long AssignElementIndices(IReadOnlyList<MdNode> nodes)
    {
        long index = 0;
        foreach (var node in nodes)
        {
            if (index > int.MaxValue)
                throw new InvalidOperationException("machine description has too many elements");
            node.ElementIndex = (int)index;
            index += 2 + node.Properties.Count;   // NODE, properties, NODE_END
        }
        return index + 1;                          // LIST_END
    }

    private static void WriteElement(Span<byte> block, int index, MdTag tag, NameTable names, string name, ulong value)
    {
        var el = block.Slice(index * MdFormat.ElementSize, MdFormat.ElementSize);
        el[0] = (byte)tag;
        el[1] = (byte)name.Length;   // name_len = strlen (output_bin.c SIZETONAMELEN)
        BinaryPrimitives.WriteUInt32BigEndian(el[4..], (uint)names.OffsetOf(name));
        BinaryPrimitives.WriteUInt64BigEndian(el[8..], value);
    }

    /// <summary>Distinct names in first-use order with their offsets in the name block.</summary>
    private sealed class NameTable
    {
        private readonly Dictionary<string, int> offsets = new(StringComparer.Ordinal);
        private readonly List<string> order = new();

        public long Size { get; private set; }

        public void Intern(string name)
        {
            if (offsets.ContainsKey(name))
                return;
            offsets.Add(name, (int)Size);
            order.Add(name);
            Size += name.Length + 1;
        }

        public int OffsetOf(string name) => offsets[name];

        public void CopyTo(Span<byte> block)
        {
            foreach (string name in order)
                Encoding.ASCII.GetBytes(name, block[offsets[name]..]);
        }
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>Thrown for malformed MD bytes; the message says which element or block is wrong and how.</summary>
public sealed class MdFormatException : Exception
{
    public MdFormatException()
        : base("malformed machine description")
    {
    }

    public MdFormatException(string message)
        : base(message)
    {
    }

    public MdFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Reads a binary MD back into nodes, checking what guests rely on: the version, block sizes
/// within the buffer, names inside the name block and NUL-terminated with name_len = strlen,
/// data inside the data block, properties only inside NODE..NODE_END, each NODE's "next" naming
/// the following node (Linux walks that chain; illumos requires it to cover the block), arcs
/// pointing at NODE elements, and LIST_END as the last element.
/// </summary>
internal static class MdReader
{
    public static MachineDescription Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MdFormat.HeaderSize)
            throw new MdFormatException($"MD is {bytes.Length} bytes, shorter than its {MdFormat.HeaderSize}-byte header");
        uint version = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (version != MdFormat.TransportVersion)
            throw new MdFormatException($"MD transport version 0x{version:x8} is not 0x{MdFormat.TransportVersion:x8}");
        uint nodeSize = BinaryPrimitives.ReadUInt32BigEndian(bytes[4..]);
        uint nameSize = BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]);
        uint dataSize = BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]);
        if (nodeSize == 0 || nodeSize % MdFormat.ElementSize != 0)
            throw new MdFormatException($"node block size 0x{nodeSize:x} is not a non-zero multiple of {MdFormat.ElementSize}");
        ulong total = (ulong)MdFormat.HeaderSize + nodeSize + nameSize + dataSize;
        if (total > (ulong)bytes.Length)
            throw new MdFormatException($"header needs 0x{total:x} bytes (node block 0x{nodeSize:x}, name block 0x{nameSize:x}, data block 0x{dataSize:x}) but the MD has only 0x{bytes.Length:x}");

        var context = new Context(
            bytes.Slice(MdFormat.HeaderSize, (int)nodeSize),
            bytes.Slice(MdFormat.HeaderSize + (int)nodeSize, (int)nameSize),
            bytes.Slice(MdFormat.HeaderSize + (int)nodeSize + (int)nameSize, (int)dataSize));
        var md = new MachineDescription();
        var nodesByIndex = ReadStructure(ref context, md);
        ReadProperties(ref context, nodesByIndex);
        return md;
    }

    /// <summary>First pass: nodes, names, data bounds, nesting and the "next" chain.</summary>
    private static Dictionary<int, MdNode> ReadStructure(ref Context c, MachineDescription md)
    {
        var nodes = new Dictionary<int, MdNode>();
        var nexts = new List<(MdNode Node, ulong Next)>();
        MdNode? current = null;
        int count = c.Count;
        int listEnd = -1;
        for (int i = 0; i < count && listEnd < 0; i++)
        {
            var tag = (MdTag)c.Element(i)[0];
            switch (tag)
            {
                case MdTag.ListEnd:
                    if (current is not null)
                        throw new MdFormatException($"node '{current.Name}' at element {current.ElementIndex} has no NODE_END before LIST_END at element {i}");
                    if (i != count - 1)
                        throw new MdFormatException($"element {i}: LIST_END before the end of the {count}-element node block");
                    listEnd = i;
                    break;
                case MdTag.Noop:
                    break;
                case MdTag.Node:
                    string name = c.Name(i);
                    if (current is not null)
                        throw new MdFormatException($"element {i}: node '{name}' starts inside node '{current.Name}' (element {current.ElementIndex}), which has no NODE_END");
                    current = md.AddNode(name);
                    current.ElementIndex = i;
                    nodes.Add(i, current);
                    nexts.Add((current, c.Value(i)));
                    break;
                case MdTag.NodeEnd:
                    if (current is null)
                        throw new MdFormatException($"element {i}: NODE_END outside a node");
                    current = null;
                    break;
                case MdTag.PropVal:
                case MdTag.PropArc:
                case MdTag.PropStr:
                case MdTag.PropData:
                    string prop = c.Name(i);
                    if (current is null)
                        throw new MdFormatException($"element {i}: property '{prop}' outside a node");
                    if (tag is MdTag.PropStr or MdTag.PropData)
                        c.CheckData(i, tag, current, prop);
                    break;
                default:
                    throw new MdFormatException($"element {i}: unknown tag 0x{(byte)tag:x2}");
            }
        }
        if (listEnd < 0)
            throw new MdFormatException($"node block does not end with LIST_END (element {count - 1} is not LIST_END)");

        for (int k = 0; k < nexts.Count; k++)
        {
            int expected = k + 1 < nexts.Count ? nexts[k + 1].Node.ElementIndex : listEnd;
            if (nexts[k].Next != (ulong)expected)
                throw new MdFormatException($"node '{nexts[k].Node.Name}' at element {nexts[k].Node.ElementIndex}: next index 0x{nexts[k].Next:x} should be 0x{expected:x}, the {(k + 1 < nexts.Count ? "following node" : "LIST_END")}");
        }
        return nodes;
    }

    /// <summary>Second pass: adds the properties, resolving arcs now that every node exists.</summary>
    private static void ReadProperties(ref Context c, Dictionary<int, MdNode> nodes)
    {
        MdNode? current = null;
        for (int i = 0; i < c.Count; i++)
        {
            var tag = (MdTag)c.Element(i)[0];
            if (tag == MdTag.Node)
            {
                current = nodes[i];
                continue;
            }
            if (tag is not (MdTag.PropVal or MdTag.PropArc or MdTag.PropStr or MdTag.PropData))
                continue;
            string name = c.Name(i);
            ulong value = c.Value(i);
            switch (tag)
            {
                case MdTag.PropVal:
                    current!.Add(MdProperty.FromElement(tag, name, value, Array.Empty<byte>(), null));
                    break;
                case MdTag.PropArc:
                    if (value > int.MaxValue || !nodes.TryGetValue((int)value, out var target))
                        throw new MdFormatException($"element {i}: arc '{name}' of node '{current!.Name}' targets 0x{value:x}, which is not a node");
                    current!.Add(MdProperty.FromElement(tag, name, 0, Array.Empty<byte>(), target));
                    break;
                default:
                    int length = (int)(value >> 32);
                    int offset = (int)(uint)value;
                    current!.Add(MdProperty.FromElement(tag, name, 0, c.Data.Slice(offset, length).ToArray(), null));
                    break;
            }
        }
    }

    private readonly ref struct Context
    {
        private readonly ReadOnlySpan<byte> nodeBlock;
        private readonly ReadOnlySpan<byte> nameBlock;
        private readonly Dictionary<uint, string> names;

        public Context(ReadOnlySpan<byte> nodeBlock, ReadOnlySpan<byte> nameBlock, ReadOnlySpan<byte> dataBlock)
        {
            this.nodeBlock = nodeBlock;
            this.nameBlock = nameBlock;
            Data = dataBlock;
            names = new Dictionary<uint, string>();
        }

        public ReadOnlySpan<byte> Data { get; }

        public int Count => nodeBlock.Length / MdFormat.ElementSize;

        public ReadOnlySpan<byte> Element(int i) => nodeBlock.Slice(i * MdFormat.ElementSize, MdFormat.ElementSize);

        public ulong Value(int i) => BinaryPrimitives.ReadUInt64BigEndian(Element(i)[8..]);

        public string Name(int i)
        {
            var el = Element(i);
            int nameLength = el[1];
            uint offset = BinaryPrimitives.ReadUInt32BigEndian(el[4..]);
            if (offset >= (uint)nameBlock.Length)
                throw new MdFormatException($"element {i}: name offset 0x{offset:x} is outside the 0x{nameBlock.Length:x}-byte name block");
            if (!names.TryGetValue(offset, out string? name))
            {
                var rest = nameBlock[(int)offset..];
                int nul = rest.IndexOf((byte)0);
                if (nul < 0)
                    throw new MdFormatException($"element {i}: name at offset 0x{offset:x} is not NUL-terminated within the name block");
                if (nul == 0)
                    throw new MdFormatException($"element {i}: empty name at offset 0x{offset:x}");
                foreach (byte b in rest[..nul])
                {
                    if (b is < 0x21 or > 0x7e)
                        throw new MdFormatException($"element {i}: name at offset 0x{offset:x} holds byte 0x{b:x2}, not printable ASCII");
                }
                name = Encoding.ASCII.GetString(rest[..nul]);
                names.Add(offset, name);
            }
            if (nameLength != name.Length)
                throw new MdFormatException($"element {i}: name_len {nameLength} does not match \"{name}\" ({name.Length} characters)");
            return name;
        }

        public void CheckData(int i, MdTag tag, MdNode node, string prop)
        {
            ulong value = Value(i);
            uint length = (uint)(value >> 32);
            uint offset = (uint)value;
            if ((ulong)offset + length > (ulong)Data.Length)
                throw new MdFormatException($"element {i}: '{prop}' of node '{node.Name}' has data 0x{offset:x}+0x{length:x} past the 0x{Data.Length:x}-byte data block");
            if (tag == MdTag.PropStr && (length == 0 || Data[(int)(offset + length - 1)] != 0))
                throw new MdFormatException($"element {i}: string '{prop}' of node '{node.Name}' is not NUL-terminated");
        }
    }
}

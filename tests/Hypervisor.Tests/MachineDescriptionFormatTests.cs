using System.Buffers.Binary;
using System.Text;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.MachineDescriptions;

namespace Niagara.Hypervisor.Tests;

/// <summary>Reads MD header and elements straight from the bytes, independently of MdReader.</summary>
internal sealed class RawMd
{
    public RawMd(byte[] bytes) => Bytes = bytes;

    public byte[] Bytes { get; }

    public uint Version => BinaryPrimitives.ReadUInt32BigEndian(Bytes);
    public int NodeSize => (int)BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(4));
    public int NameSize => (int)BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(8));
    public int DataSize => (int)BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(12));
    public int ElementCount => NodeSize / 16;
    public int NameBlock => 16 + NodeSize;
    public int DataBlock => 16 + NodeSize + NameSize;

    public byte Tag(int i) => Bytes[16 + (i * 16)];
    public byte NameLength(int i) => Bytes[16 + (i * 16) + 1];
    public ushort Reserved(int i) => BinaryPrimitives.ReadUInt16BigEndian(Bytes.AsSpan(16 + (i * 16) + 2));
    public int NameOffset(int i) => (int)BinaryPrimitives.ReadUInt32BigEndian(Bytes.AsSpan(16 + (i * 16) + 4));
    public ulong Value(int i) => BinaryPrimitives.ReadUInt64BigEndian(Bytes.AsSpan(16 + (i * 16) + 8));
    public int DataLength(int i) => (int)(Value(i) >> 32);
    public int DataOffset(int i) => (int)(uint)Value(i);

    public string NameAt(int offset)
    {
        int end = Array.IndexOf(Bytes, (byte)0, NameBlock + offset);
        return Encoding.ASCII.GetString(Bytes, NameBlock + offset, end - NameBlock - offset);
    }

    public string Name(int i) => NameAt(NameOffset(i));

    /// <summary>The NUL-terminated strings stored in the name block, in order (padding skipped).</summary>
    public List<string> NameBlockStrings()
    {
        var list = new List<string>();
        int p = 0;
        while (p < NameSize)
        {
            string s = NameAt(p);
            if (s.Length > 0)
                list.Add(s);
            p += s.Length + 1;
        }
        return list;
    }
}

public class MachineDescriptionFormatTests
{
    private static MachineDescription Small()
    {
        var md = new MachineDescription();
        var root = md.AddNode("root").AddValue("a", 1).AddString("s", "hi");
        var child = md.AddNode("child").AddStrings("d", "x", "yz");
        md.Link(root, child);
        return md;
    }

    [Fact]
    public void SmallDescription_HasExactlyTheMdgenLayout()
    {
        var raw = new RawMd(Small().ToBytes());
        // root: NODE a s fwd NODE_END (0..4); child: NODE d back NODE_END (5..8); LIST_END (9)
        Assert.Equal(0x00010000u, raw.Version);
        Assert.Equal(10 * 16, raw.NodeSize);
        Assert.Equal(32, raw.NameSize);        // "root a s fwd child d back" = 26 bytes, padded to 16
        Assert.Equal(16, raw.DataSize);        // "hi\0" at 0, "x\0yz\0" at 8 = 13 bytes, padded to 16
        Assert.Equal(16 + 160 + 32 + 16, raw.Bytes.Length);

        byte[] tags = { 0x4e, 0x76, 0x73, 0x61, 0x45, 0x4e, 0x64, 0x61, 0x45, 0x00 };
        Assert.Equal(tags, Enumerable.Range(0, 10).Select(raw.Tag));
        Assert.Equal(5UL, raw.Value(0));       // root's next node
        Assert.Equal(9UL, raw.Value(5));       // last node's next: LIST_END
        Assert.Equal(1UL, raw.Value(1));
        Assert.Equal((3, 0), (raw.DataLength(2), raw.DataOffset(2)));
        Assert.Equal(5UL, raw.Value(3));       // fwd -> child
        Assert.Equal((5, 8), (raw.DataLength(6), raw.DataOffset(6)));
        Assert.Equal(0UL, raw.Value(7));       // back -> root
        Assert.Equal(new[] { "root", "a", "s", "fwd", "child", "d", "back" }, raw.NameBlockStrings());
        Assert.Equal("child", raw.Name(5));
        Assert.Equal(5, raw.NameLength(5));    // name_len = strlen
        foreach (int i in new[] { 4, 8, 9 })   // NODE_END and LIST_END are all zero but the tag
            Assert.True(raw.NameLength(i) == 0 && raw.NameOffset(i) == 0 && raw.Value(i) == 0);

        byte[] data = raw.Bytes[raw.DataBlock..];
        Assert.Equal(new byte[] { (byte)'h', (byte)'i', 0, 0, 0, 0, 0, 0, (byte)'x', 0, (byte)'y', (byte)'z', 0, 0, 0, 0 }, data);
        Assert.All(raw.Bytes[(raw.NameBlock + 26)..raw.DataBlock], b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(8, 4)]
    public void GuestMd_NodeBlockIs16TimesElementsIncludingListEnd(int cores, int perCore)
    {
        var md = GuestMachineDescription.Build(new MachineConfiguration { Cores = cores, StrandsPerCore = perCore });
        var raw = new RawMd(md.ToBytes());
        int elements = md.Nodes.Sum(n => 2 + n.Properties.Count) + 1;
        Assert.Equal(16 * elements, raw.NodeSize);
        Assert.Equal(0x00, raw.Tag(elements - 1));
        Assert.Equal(0, raw.NameSize % 16);
        Assert.Equal(0, raw.DataSize % 16);
        Assert.Equal(16 + raw.NodeSize + raw.NameSize + raw.DataSize, raw.Bytes.Length);
        Assert.Equal(0, raw.Bytes.Length % 16);
    }

    [Fact]
    public void GuestMd_NamesAreStoredOnceAndMatchTheirLengths()
    {
        var raw = new RawMd(GuestMachineDescription.Build(new MachineConfiguration { Cores = 2, StrandsPerCore = 4 }).ToBytes());
        var names = raw.NameBlockStrings();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        for (int i = 0; i < raw.ElementCount; i++)
        {
            if (raw.Tag(i) is 0x45 or 0x00)
                continue;
            Assert.Equal(raw.Name(i).Length, raw.NameLength(i));
            Assert.Equal(0, raw.Reserved(i));
        }
    }

    [Fact]
    public void GuestMd_DataItemsAre8ByteAlignedAndInsideTheDataBlock()
    {
        var raw = new RawMd(GuestMachineDescription.Build(new MachineConfiguration { Cores = 2, StrandsPerCore = 2 }).ToBytes());
        int strings = 0;
        for (int i = 0; i < raw.ElementCount; i++)
        {
            if (raw.Tag(i) is not (0x73 or 0x64))
                continue;
            strings++;
            Assert.Equal(0, raw.DataOffset(i) % 8);
            Assert.InRange(raw.DataOffset(i) + raw.DataLength(i), 1, raw.DataSize);
            Assert.Equal(0, raw.Bytes[raw.DataBlock + raw.DataOffset(i) + raw.DataLength(i) - 1]);
        }
        Assert.True(strings > 20);
    }

    [Fact]
    public void GuestMd_NodeNextIndicesChainEveryNodeThenListEnd()
    {
        var raw = new RawMd(GuestMachineDescription.Build(new MachineConfiguration { Cores = 3, StrandsPerCore = 3 }).ToBytes());
        var starts = Enumerable.Range(0, raw.ElementCount).Where(i => raw.Tag(i) == 0x4e).ToList();
        Assert.Equal(0, starts[0]);
        for (int k = 0; k < starts.Count; k++)
        {
            ulong expected = k + 1 < starts.Count ? (ulong)starts[k + 1] : (ulong)(raw.ElementCount - 1);
            Assert.Equal(expected, raw.Value(starts[k]));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(8, 4)]
    public void RoundTrip_BuildToBytesToParse_KeepsEveryNodeAndProperty(int cores, int perCore)
    {
        var built = GuestMachineDescription.Build(new MachineConfiguration { Cores = cores, StrandsPerCore = perCore });
        byte[] bytes = built.ToBytes();
        var parsed = MachineDescription.Parse(bytes);

        Assert.Equal(built.Nodes.Count, parsed.Nodes.Count);
        for (int n = 0; n < built.Nodes.Count; n++)
        {
            MdNode a = built.Nodes[n], b = parsed.Nodes[n];
            Assert.Equal(a.Name, b.Name);
            Assert.Equal(a.ElementIndex, b.ElementIndex);
            Assert.Equal(a.Properties.Count, b.Properties.Count);
            for (int p = 0; p < a.Properties.Count; p++)
            {
                MdProperty x = a.Properties[p], y = b.Properties[p];
                Assert.Equal((x.Tag, x.Name, x.Value), (y.Tag, y.Name, y.Value));
                Assert.True(x.Data.SequenceEqual(y.Data));
                Assert.Equal(x.Target?.ElementIndex, y.Target?.ElementIndex);
            }
        }
        Assert.Equal(bytes, parsed.ToBytes());
        Assert.Equal(cores * perCore, parsed.FindNodes("cpu").Count);
    }

    [Fact]
    public void SameConfiguration_GivesTheSameBytes()
    {
        var config = new MachineConfiguration { Cores = 4, StrandsPerCore = 2, MemorySize = 1UL << 30 };
        Assert.Equal(GuestMachineDescription.Build(config).ToBytes(), GuestMachineDescription.Build(config with { }).ToBytes());
        Assert.NotEqual(GuestMachineDescription.Build(config).ToBytes(), GuestMachineDescription.Build(config with { MemorySize = 1UL << 31 }).ToBytes());
    }

    [Fact]
    public void Image_ReportsItsSizeRoundedTo16ForMachDesc()
    {
        var image = GuestMachineDescription.BuildImage(new MachineConfiguration { Cores = 2 });
        Assert.Equal((ulong)image.Length, image.RequiredBufferLength);
        Assert.Equal(0UL, image.RequiredBufferLength % 16);
        Assert.Equal(0UL, new MachineDescriptionImage(new byte[33]).RequiredBufferLength % 16);
        Assert.Equal(48UL, new MachineDescriptionImage(new byte[33]).RequiredBufferLength);
        var buffer = new byte[image.RequiredBufferLength];
        image.CopyTo(buffer);
        Assert.Equal(image.Parse().Nodes.Count, MachineDescription.Parse(buffer).Nodes.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("nul\0")]
    public void Builder_RejectsNamesTheFormatCannotHold(string name)
    {
        var md = new MachineDescription();
        Assert.Throws<ArgumentException>(() => md.AddNode(name));
        Assert.Throws<ArgumentException>(() => md.AddNode("n").AddValue(name, 1));
        Assert.Throws<ArgumentException>(() => md.AddNode(new string('x', 256)));
    }

    [Fact]
    public void Builder_RejectsBadStringsAndForeignArcs()
    {
        var md = new MachineDescription();
        var node = md.AddNode("n");
        Assert.Throws<ArgumentException>(() => node.AddString("s", "a\0b"));
        Assert.Throws<ArgumentException>(() => node.AddStrings("l"));
        Assert.Throws<ArgumentException>(() => node.AddStrings("l", "a", ""));
        var other = new MachineDescription().AddNode("m");
        Assert.Throws<ArgumentException>(() => md.Link(node, other));
        Assert.Empty(node.Properties);
    }
}

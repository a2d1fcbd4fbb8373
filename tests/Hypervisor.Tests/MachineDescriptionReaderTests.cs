using System.Buffers.Binary;
using Niagara.Hypervisor.MachineDescriptions;

namespace Niagara.Hypervisor.Tests;

/// <summary>
/// Corrupt MDs are refused with a message naming the element and the rule. The base MD is
/// root (elements 0..4: NODE, a=1, s="hi", fwd, NODE_END), child (5..8: NODE, d={"x","yz"},
/// back, NODE_END), LIST_END (9); name block 0x20 bytes, data block 0x10 bytes.
/// </summary>
public class MachineDescriptionReaderTests
{
    private static byte[] Valid()
    {
        var md = new MachineDescription();
        var root = md.AddNode("root").AddValue("a", 1).AddString("s", "hi");
        var child = md.AddNode("child").AddStrings("d", "x", "yz");
        md.Link(root, child);
        return md.ToBytes();
    }

    private static int El(int i) => 16 + (i * 16);

    private static string Error(byte[] bytes) =>
        Assert.Throws<MdFormatException>(() => MachineDescription.Parse(bytes)).Message;

    private static byte[] With(Action<byte[]> corrupt)
    {
        byte[] b = Valid();
        corrupt(b);
        return b;
    }

    [Fact]
    public void ValidBase_Parses()
    {
        var md = MachineDescription.Parse(Valid());
        Assert.Equal(new[] { "root", "child" }, md.Nodes.Select(n => n.Name));
        Assert.Equal("hi", md.Root.GetString("s"));
        Assert.Equal(new[] { "x", "yz" }, md.Nodes[1].GetStrings("d"));
        Assert.Same(md.Nodes[1], Assert.Single(md.Root.Children));
        Assert.Same(md.Root, Assert.Single(md.Nodes[1].Parents));
    }

    [Fact]
    public void ShorterThanTheHeader_IsRefused() =>
        Assert.Equal("MD is 10 bytes, shorter than its 16-byte header", Error(Valid()[..10]));

    [Fact]
    public void WrongTransportVersion_IsRefused() =>
        Assert.Equal("MD transport version 0x00020000 is not 0x00010000",
            Error(With(b => BinaryPrimitives.WriteUInt32BigEndian(b, 0x00020000))));

    [Theory]
    [InlineData(0x95u)]
    [InlineData(0u)]
    public void NodeBlockSizeNotAMultipleOf16_IsRefused(uint size) =>
        Assert.Equal($"node block size 0x{size:x} is not a non-zero multiple of 16",
            Error(With(b => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), size))));

    [Fact]
    public void BlocksBeyondTheBuffer_AreRefused()
    {
        Assert.Equal("header needs 0x10e0 bytes (node block 0xa0, name block 0x20, data block 0x1010) but the MD has only 0xe0",
            Error(With(b => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), 0x1010))));
        Assert.Contains("but the MD has only 0xd0", Error(Valid()[..^16]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x99UL)]
    [InlineData(0x1UL)]          // a property element, not a node
    [InlineData(0x4UL)]          // a NODE_END
    public void ArcNotAtANode_IsRefused(ulong target) =>
        Assert.Equal($"element 3: arc 'fwd' of node 'root' targets 0x{target:x}, which is not a node",
            Error(With(b => BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(El(3) + 8), target))));

    [Fact]
    public void UnterminatedName_IsRefused() =>
        Assert.Equal("element 0: name at offset 0x0 is not NUL-terminated within the name block",
            Error(With(b => b.AsSpan(El(10), 0x20).Fill((byte)'x'))));

    [Fact]
    public void NameOffsetOutsideTheNameBlock_IsRefused() =>
        Assert.Equal("element 1: name offset 0x100 is outside the 0x20-byte name block",
            Error(With(b => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(El(1) + 4), 0x100))));

    [Fact]
    public void NameLengthNotStrlen_IsRefused() =>
        Assert.Equal("element 0: name_len 7 does not match \"root\" (4 characters)", Error(With(b => b[El(0) + 1] = 7)));

    [Fact]
    public void DataOutsideTheDataBlock_IsRefused() =>
        Assert.Equal("element 2: 's' of node 'root' has data 0x20+0x3 past the 0x10-byte data block",
            Error(With(b => BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(El(2) + 12), 0x20))));

    [Fact]
    public void StringWithoutNul_IsRefused() =>
        Assert.Equal("element 2: string 's' of node 'root' is not NUL-terminated",
            Error(With(b => b[El(10) + 0x20 + 2] = (byte)'X')));

    [Fact]
    public void MissingNodeEnd_IsRefused() =>
        Assert.Equal("element 5: node 'child' starts inside node 'root' (element 0), which has no NODE_END",
            Error(With(b => b[El(4)] = 0x20)));

    [Fact]
    public void PropertyOutsideANode_IsRefused() =>
        Assert.Equal("element 6: property 'd' outside a node", Error(With(b => b[El(5)] = 0x20)));

    [Fact]
    public void NodeEndOutsideANode_IsRefused() =>
        Assert.Equal("element 5: NODE_END outside a node", Error(With(b => b[El(5)] = 0x45)));

    [Fact]
    public void ListEndBeforeTheLastElement_IsRefused() =>
        Assert.Equal("element 5: LIST_END before the end of the 10-element node block", Error(With(b => b[El(5)] = 0x00)));

    [Fact]
    public void ListEndInsideANode_IsRefused() =>
        Assert.Equal("node 'root' at element 0 has no NODE_END before LIST_END at element 4", Error(With(b => b[El(4)] = 0x00)));

    [Fact]
    public void NoListEnd_IsRefused() =>
        Assert.Equal("node block does not end with LIST_END (element 9 is not LIST_END)", Error(With(b => b[El(9)] = 0x20)));

    [Fact]
    public void UnknownTag_IsRefused() =>
        Assert.Equal("element 1: unknown tag 0x41", Error(With(b => b[El(1)] = 0x41)));

    [Theory]
    [InlineData(0, 9UL, "node 'root' at element 0: next index 0x9 should be 0x5, the following node")]
    [InlineData(5, 5UL, "node 'child' at element 5: next index 0x5 should be 0x9, the LIST_END")]
    public void NodeNextNotTheFollowingNode_IsRefused(int element, ulong next, string message) =>
        Assert.Equal(message, Error(With(b => BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(El(element) + 8), next))));

    [Fact]
    public void TextFormatter_RefusesCorruptInputWithTheSameMessage() =>
        Assert.Equal("element 1: unknown tag 0x41",
            Assert.Throws<MdFormatException>(() => MachineDescriptionText.Format(With(b => b[El(1)] = 0x41))).Message);

    [Fact]
    public void NoopElementsBetweenNodes_AreSkipped()
    {
        // Move child and LIST_END one element down, leaving a NOOP at 5: root's next becomes 6.
        byte[] b = Valid();
        var grown = new byte[b.Length + 16];
        b.AsSpan(0, El(5)).CopyTo(grown);
        grown[El(5)] = 0x20;
        b.AsSpan(El(5)).CopyTo(grown.AsSpan(El(6)));
        BinaryPrimitives.WriteUInt32BigEndian(grown.AsSpan(4), 11 * 16);
        BinaryPrimitives.WriteUInt64BigEndian(grown.AsSpan(El(0) + 8), 6);   // root -> child
        BinaryPrimitives.WriteUInt64BigEndian(grown.AsSpan(El(6) + 8), 10);  // child -> LIST_END
        BinaryPrimitives.WriteUInt64BigEndian(grown.AsSpan(El(3) + 8), 6);   // fwd -> child
        var md = MachineDescription.Parse(grown);
        Assert.Equal(6, md.Nodes[1].ElementIndex);
        Assert.Same(md.Nodes[1], Assert.Single(md.Root.Children));
    }
}

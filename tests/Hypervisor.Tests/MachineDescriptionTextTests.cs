using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.MachineDescriptions;

namespace Niagara.Hypervisor.Tests;

public class MachineDescriptionTextTests
{
    [Fact]
    public void SmallDescription_PrintsExactly()
    {
        var md = new MachineDescription();
        var root = md.AddNode("root").AddValue("count", 12).AddValue("base", 0x8000_0000).AddString("s", "a \"q\"");
        var child = md.AddNode("child").AddStrings("compatible", "x", "yz").AddData("blob", new byte[] { 1, 0xab });
        md.Link(root, child);

        string expected =
            "machine description v1.0, 0x130 bytes: 2 nodes, 12 elements (node block 0xc0), name block 0x40, data block 0x20\n" +
            "\n" +
            "node 0x0 root {\n" +
            "    count = 12\n" +
            "    base = 0x80000000\n" +
            "    s = \"a \\\"q\\\"\"\n" +
            "    fwd -> 0x6 child\n" +
            "}\n" +
            "\n" +
            "node 0x6 child {\n" +
            "    compatible = { \"x\", \"yz\" }\n" +
            "    blob = [ 01 ab ]\n" +
            "    back -> 0x0 root\n" +
            "}\n";
        Assert.Equal(expected, MachineDescriptionText.Format(md.ToBytes()));
    }

    [Fact]
    public void GuestDescription_PrintsOneBlockPerNodeWithHexAddresses()
    {
        var config = new MachineConfiguration { Cores = 1, StrandsPerCore = 2, MemoryBase = 0x1000_0000, MemorySize = 1UL << 30 };
        byte[] bytes = GuestMachineDescription.Build(config).ToBytes();
        string text = MachineDescriptionText.Format(bytes);
        var parsed = MachineDescription.Parse(bytes);

        Assert.Equal(parsed.Nodes.Count, text.Split("\nnode ").Length - 1);
        Assert.Contains("    base = 0x10000000\n", text, StringComparison.Ordinal);
        Assert.Contains("    size = 0x40000000\n", text, StringComparison.Ordinal);
        Assert.Contains("    clock-frequency = 1200000000\n", text, StringComparison.Ordinal);
        Assert.Contains("    name = \"SUNW,Sun-Fire-T200\"\n", text, StringComparison.Ordinal);
        Assert.Contains("    compatible = { \"SUNW,UltraSPARC-T1\", \"SUNW,sun4v-cpu\", \"sun4v\" }\n", text, StringComparison.Ordinal);
        Assert.Contains("    cfg-handle = 0x100\n", text, StringComparison.Ordinal);
        Assert.Contains("    id = 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"    fwd -> 0x{parsed.FindNodes("platform")[0].ElementIndex:x} platform\n", text, StringComparison.Ordinal);
        Assert.StartsWith($"machine description v1.0, 0x{bytes.Length:x} bytes: {parsed.Nodes.Count} nodes", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelWithoutBytes_PrintsNamesWithoutIndices()
    {
        var md = new MachineDescription();
        md.Link(md.AddNode("root"), md.AddNode("leaf").AddValue("size", 0x2000));
        Assert.Equal("\nnode root {\n    fwd -> leaf\n}\n\nnode leaf {\n    size = 0x2000\n    back -> root\n}\n", MachineDescriptionText.Format(md));
    }
}

using System.Buffers.Binary;
using System.Text;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.MachineDescriptions;

namespace Niagara.Hypervisor.Tests;

/// <summary>
/// illumos' MD library (common/mdesc: md_init_intern, md_find_name, md_find_node_prop,
/// md_scan_dag) over raw bytes. Unlike Linux it identifies names by their offset in the name
/// block, found by scanning the block's strings, so every name must be stored exactly once.
/// </summary>
internal sealed class IllumosMd
{
    public const int Invalid = -1;
    private readonly byte[] b;
    private readonly int nameBlock;
    private readonly int nameSize;
    private readonly int dataBlock;

    public IllumosMd(byte[] bytes)
    {
        b = bytes;
        int nodeSize = (int)BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(4));
        nameSize = (int)BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(8));
        nameBlock = 16 + nodeSize;
        dataBlock = nameBlock + nameSize;
        if (BinaryPrimitives.ReadUInt32BigEndian(b) != 0x10000)
            throw new InvalidOperationException("md_init_intern: bad transport version");

        // md_init_intern: walk NODE next indices to LIST_END, counting; exactly one "root".
        int rootName = FindName("root");
        if (rootName == Invalid)
            throw new InvalidOperationException("md_init_intern: no \"root\" name");
        int idx = 0;
        for (bool done = false; !done;)
        {
            switch (Tag(idx))
            {
                case 0x00:
                    done = true;
                    break;
                case 0x4e:
                    if (NameOffset(idx) == rootName)
                    {
                        if (RootNode != Invalid)
                            throw new InvalidOperationException("md_init_intern: more than one root");
                        RootNode = idx;
                    }
                    idx = (int)Val(idx);
                    NodeCount++;
                    break;
                default:
                    idx++;
                    break;
            }
        }
        if (RootNode == Invalid || idx + 1 != nodeSize / 16)
            throw new InvalidOperationException($"md_init_intern: element count {idx + 1} != node block {nodeSize / 16}");
    }

    public int RootNode { get; } = Invalid;

    public int NodeCount { get; }

    private int El(int i) => 16 + (i * 16);
    private byte Tag(int i) => b[El(i)];
    private ulong Val(int i) => BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(El(i) + 8));
    private int NameOffset(int i) => (int)BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(El(i) + 4));

    /// <summary>md_find_name: the offset of the first name-block string equal to <paramref name="name"/>.</summary>
    public int FindName(string name)
    {
        for (int p = 0; p < nameSize;)
        {
            int end = Array.IndexOf(b, (byte)0, nameBlock + p);
            string s = Encoding.ASCII.GetString(b, nameBlock + p, end - nameBlock - p);
            if (s == name)
                return p;
            p += s.Length + 1;
        }
        return Invalid;
    }

    private int FindNodeProp(int node, string name, byte tag)
    {
        int cookie = FindName(name);
        for (int i = node + 1; Tag(i) != 0x45; i++)
        {
            if (Tag(i) == tag && NameOffset(i) == cookie)
                return i;
        }
        return Invalid;
    }

    public ulong? PropVal(int node, string name) => FindNodeProp(node, name, 0x76) is int e and >= 0 ? Val(e) : null;

    public byte[]? PropData(int node, string name)
    {
        int e = FindNodeProp(node, name, 0x64);
        return e < 0 ? null : b.AsSpan(dataBlock + (int)(uint)Val(e), (int)(Val(e) >> 32)).ToArray();
    }

    /// <summary>md_scan_dag: nodes named <paramref name="nodeName"/> reachable from <paramref name="start"/> along <paramref name="arc"/> arcs.</summary>
    public List<int> ScanDag(int start, string nodeName, string arc)
    {
        int nameCookie = FindName(nodeName), arcCookie = FindName(arc);
        var seen = new HashSet<int>();
        var found = new List<int>();
        void Walk(int node)
        {
            for (int i = node + 1; Tag(i) != 0x45; i++)
            {
                if (Tag(i) != 0x61 || NameOffset(i) != arcCookie)
                    continue;
                int target = (int)Val(i);
                if (!seen.Add(target))
                    continue;
                if (NameOffset(target) == nameCookie)
                    found.Add(target);
                Walk(target);
            }
        }
        Walk(start);
        return found;
    }
}

public class MachineDescriptionSolarisWalkTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4)]
    [InlineData(8, 4)]
    public void IllumosCpuSetup_FindsWhatItPanicsWithout(int cores, int perCore)
    {
        var config = new MachineConfiguration { Cores = cores, StrandsPerCore = perCore, MemoryBase = 0x800000, MemorySize = 64UL << 20 };
        var md = new IllumosMd(GuestMachineDescription.Build(config).ToBytes());
        int root = md.RootNode;
        Assert.Equal(0, root);

        // cpu_setup_common / init_md_broken / fill_cpu
        var cpus = md.ScanDag(root, "cpu", "fwd");
        Assert.Equal(config.StrandCount, cpus.Count);
        Assert.Single(md.ScanDag(root, "platform", "fwd"));
        foreach (int cpu in cpus)
        {
            byte[] compatible = md.PropData(cpu, "compatible")!;
            Assert.StartsWith("SUNW,UltraSPARC-T1\0", Encoding.ASCII.GetString(compatible), StringComparison.Ordinal);
            Assert.NotEqual(0UL, md.PropVal(cpu, "clock-frequency"));
            Assert.NotNull(md.PropVal(cpu, "id"));
            Assert.InRange(md.PropVal(cpu, "mmu-page-size-list")!.Value, 1UL, 0xffUL);
            Assert.Equal(13UL, md.PropVal(cpu, "mmu-#context-bits"));
            Assert.InRange(md.PropVal(cpu, "mmu-#va-bits")!.Value, 1UL, 64UL);
            Assert.NotNull(md.PropData(cpu, "isalist"));
            Assert.NotNull(md.PropData(cpu, "hwcap-list"));
            foreach (string q in new[] { "q-cpu-mondo-#bits", "q-dev-mondo-#bits", "q-resumable-#bits", "q-nonresumable-#bits" })
                Assert.NotNull(md.PropVal(cpu, q));          // get_single_q_size panics if missing

            // get_l2_cache_info: the L2 is found scanning fwd from the cpu.
            var l2 = md.ScanDag(cpu, "cache", "fwd").Where(c => md.PropVal(c, "level") == 2).ToList();
            Assert.Equal((12UL, 3UL << 20, 64UL), (md.PropVal(Assert.Single(l2), "associativity"), md.PropVal(l2[0], "size"), md.PropVal(l2[0], "line-size")));
        }

        // setup_chip_mappings: the L2 reaches every cpu through back arcs.
        int l2Node = md.ScanDag(root, "cache", "fwd").Single(c => md.PropVal(c, "level") == 2);
        Assert.Equal(cpus.Order(), md.ScanDag(l2Node, "cpu", "back").Order());

        // setup_exec_unit_mappings: exactly one cpus node.
        Assert.Single(md.ScanDag(root, "cpus", "fwd"));

        // get_q_sizes reads platform max-cpus; get_ra_limit needs one memory node with mblocks.
        Assert.NotNull(md.PropVal(md.ScanDag(root, "platform", "fwd")[0], "max-cpus"));
        int memory = Assert.Single(md.ScanDag(root, "memory", "fwd"));
        int mblock = Assert.Single(md.ScanDag(memory, "mblock", "fwd"));
        Assert.Equal(0x800000UL + (64UL << 20), md.PropVal(mblock, "base")!.Value + md.PropVal(mblock, "size")!.Value);
    }

    [Fact]
    public void IllumosLookupByNameOffset_FindsEveryProperty()
    {
        // illumos looks a property up by the offset md_find_name returns for its name; a name
        // stored twice would make properties written with the second copy invisible.
        byte[] bytes = GuestMachineDescription.Build(new MachineConfiguration { Cores = 2, StrandsPerCore = 2 }).ToBytes();
        var md = new IllumosMd(bytes);
        var parsed = MachineDescription.Parse(bytes);
        Assert.Equal(parsed.Nodes.Count, md.NodeCount);
        int checkedProperties = 0;
        foreach (var node in parsed.Nodes)
        {
            foreach (var p in node.Properties)
            {
                if (p.Tag == MdTag.PropVal)
                    Assert.Equal(p.Value, md.PropVal(node.ElementIndex, p.Name));
                else if (p.Tag == MdTag.PropData)
                    Assert.Equal(p.Data.ToArray(), md.PropData(node.ElementIndex, p.Name));
                else
                    continue;
                checkedProperties++;
            }
        }
        Assert.True(checkedProperties > 50);
    }
}

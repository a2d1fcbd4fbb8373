using System.Buffers.Binary;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.MachineDescriptions;

namespace Niagara.Hypervisor.Tests;

/// <summary>
/// Linux's MD accessors (arch/sparc/kernel/mdesc.c) over raw bytes, with the same rules and
/// the same lack of checks: nodes found by following each NODE's "next" index from element 0
/// while the tag is NODE; properties searched from the node's next element up to NODE_END;
/// arcs found the same way by name; names compared as C strings in the name block.
/// </summary>
internal sealed class LinuxMdesc
{
    public const ulong Null = ulong.MaxValue;   // MDESC_NODE_NULL
    private readonly byte[] b;
    private readonly ulong lastNode;
    private readonly int nameBlock;
    private readonly int dataBlock;

    public LinuxMdesc(byte[] buffer)
    {
        b = buffer;
        uint nodeSize = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(4));
        lastNode = nodeSize / 16;
        nameBlock = 16 + (int)nodeSize;
        dataBlock = nameBlock + (int)BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(8));
    }

    private int El(ulong i) => 16 + ((int)i * 16);
    private byte Tag(ulong i) => b[El(i)];
    private ulong Val(ulong i) => BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(El(i) + 8));
    private int NameOffset(ulong i) => (int)BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(El(i) + 4));

    private bool NameIs(ulong i, string name)   // strcmp(names + name_offset, name) == 0
    {
        int p = nameBlock + NameOffset(i);
        foreach (char c in name)
        {
            if (b[p++] != c)
                return false;
        }
        return b[p] == 0;
    }

    public ulong NodeByName(ulong from, string name)
    {
        ulong ret;
        if (from == Null)
            ret = 0;
        else if (from >= lastNode)
            return Null;
        else
            ret = Val(from);
        while (ret < lastNode)
        {
            if (Tag(ret) != 0x4e)
                return Null;
            if (NameIs(ret, name))
                break;
            ret = Val(ret);
        }
        return ret >= lastNode ? Null : ret;
    }

    public List<ulong> NodesByName(string name)   // mdesc_for_each_node_by_name
    {
        var nodes = new List<ulong>();
        for (ulong n = NodeByName(Null, name); n != Null; n = NodeByName(n, name))
            nodes.Add(n);
        return nodes;
    }

    /// <summary>mdesc_get_property: the value's byte offset in the buffer (or -1) and its length.</summary>
    public int GetProperty(ulong node, string name, out int length)
    {
        length = 0;
        if (node == Null || node >= lastNode)
            return -1;
        for (ulong e = node + 1; Tag(e) != 0x45; e++)
        {
            int at;
            switch (Tag(e))
            {
                case 0x76:
                    at = El(e) + 8;
                    length = 8;
                    break;
                case 0x73:
                case 0x64:
                    at = dataBlock + (int)(uint)Val(e);
                    length = (int)(Val(e) >> 32);
                    break;
                default:
                    continue;
            }
            if (NameIs(e, name))
                return at;
        }
        length = 0;
        return -1;
    }

    public ulong? U64(ulong node, string name)
    {
        int at = GetProperty(node, name, out _);
        return at < 0 ? null : BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(at));
    }

    public string? Str(ulong node, string name)
    {
        int at = GetProperty(node, name, out int len);
        return at < 0 ? null : System.Text.Encoding.ASCII.GetString(b, at, Array.IndexOf(b, (byte)0, at) - at);
    }

    /// <summary>of_find_in_proplist over a NUL-separated list.</summary>
    public bool InPropList(ulong node, string prop, string match)
    {
        int at = GetProperty(node, prop, out int len);
        while (at >= 0 && len > 0)
        {
            int end = Array.IndexOf(b, (byte)0, at);
            if (System.Text.Encoding.ASCII.GetString(b, at, end - at) == match)
                return true;
            len -= end - at + 1;
            at = end + 1;
        }
        return false;
    }

    public ulong NextArc(ulong from, string type)
    {
        if (from == Null || from >= lastNode)
            return Null;
        for (ulong e = from + 1; Tag(e) != 0x45; e++)
        {
            if (Tag(e) == 0x61 && NameIs(e, type))
                return e;
        }
        return Null;
    }

    public List<ulong> ArcTargets(ulong node, string type)   // mdesc_for_each_arc + mdesc_arc_target
    {
        var targets = new List<ulong>();
        for (ulong a = NextArc(node, type); a != Null; a = NextArc(a, type))
            targets.Add(Val(a));
        return targets;
    }

    public bool NodeNameIs(ulong node, string name) => node < lastNode && Tag(node) == 0x4e && NameIs(node, name);

    /// <summary>find_back_node_value: follows back arcs up to <paramref name="depth"/> levels, calling mark on nodes named <paramref name="name"/>.</summary>
    public void FindBackNodes(ulong node, string name, Action<ulong> mark, int depth)
    {
        if (depth == 0)
            return;
        foreach (ulong n in ArcTargets(node, "back"))
        {
            if (NodeNameIs(n, name))
                mark(n);
            FindBackNodes(n, name, mark, depth - 1);
        }
    }
}

public class MachineDescriptionGuestWalkTests
{
    // Linux setup_64.c hwcaps[] (the MD-spelled part); an unknown name would be ignored silently.
    private static readonly string[] LinuxHwcaps =
    {
        "flush", "stbar", "swap", "muldiv", "v9", "ultra3", "blkinit", "n2", "mul32", "div32", "fsmuld",
        "v8plus", "popc", "vis", "vis2", "ASIBlkInit", "fmaf", "vis3", "hpc", "random", "trans", "fjfmau",
        "ima", "cspare", "pause", "cbcond", "adp",
    };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(2, 1)]
    [InlineData(8, 4)]
    public void LinuxBootWalk_FindsPlatformCpusCachesAndQueues(int cores, int perCore)
    {
        var config = new MachineConfiguration { Cores = cores, StrandsPerCore = perCore };
        var image = GuestMachineDescription.BuildImage(config);
        // sun4v_mdesc_init: mach_desc(0, 0) for the size, then a buffer of that size.
        var buffer = new byte[image.RequiredBufferLength];
        image.CopyTo(buffer);
        var h = new LinuxMdesc(buffer);

        // report_platform_properties: halts without platform; stick-frequency is read unchecked.
        ulong pn = h.NodeByName(LinuxMdesc.Null, "platform");
        Assert.NotEqual(LinuxMdesc.Null, pn);
        Assert.Equal("Sun Fire T200", h.Str(pn, "banner-name"));
        Assert.Equal("SUNW,Sun-Fire-T200", h.Str(pn, "name"));
        Assert.Equal(config.ClockFrequencyHz, h.U64(pn, "stick-frequency"));
        ulong maxCpus = h.U64(pn, "max-cpus")!.Value;

        // mdesc_populate_present_mask: every cpu's id must be < max-cpus ("possible").
        var cpus = h.NodesByName("cpu");
        var ids = cpus.Select(c => h.U64(c, "id")!.Value).ToList();
        Assert.Equal(config.StrandIds().Select(i => (ulong)i), ids);
        Assert.All(ids, id => Assert.True(id < maxCpus));

        var coreId = new Dictionary<ulong, int>();
        foreach (ulong cpu in cpus)
        {
            // fill_in_one_cpu: clock unchecked; mondo masks; caches via fwd arcs, L2 via the L1's.
            Assert.Equal(config.ClockFrequencyHz, h.U64(cpu, "clock-frequency"));
            uint cpuMask = MondoMask(h.U64(cpu, "q-cpu-mondo-#bits"), 7, (ulong)Math.Log2(maxCpus * 2));
            Assert.True(cpuMask + 1 >= 128);                      // 2 entries x 64 bytes at least
            Assert.Equal((1u << 2) * 64 - 1, MondoMask(h.U64(cpu, "q-nonresumable-#bits"), 2, 2));
            ulong icache = 0, icacheLine = 0, dcache = 0, dcacheLine = 0, ecache = 0, ecacheLine = 0;
            void FillCache(ulong mp)
            {
                ulong level = h.U64(mp, "level")!.Value, size = h.U64(mp, "size")!.Value, line = h.U64(mp, "line-size")!.Value;
                if (level == 1 && h.InPropList(mp, "type", "instn"))
                    (icache, icacheLine) = (size, line);
                else if (level == 1 && h.InPropList(mp, "type", "data"))
                    (dcache, dcacheLine) = (size, line);
                else if (level == 2)
                    (ecache, ecacheLine) = (size, line);
                if (level == 1)
                {
                    foreach (ulong t in h.ArcTargets(mp, "fwd").Where(t => h.NodeNameIs(t, "cache")))
                        FillCache(t);
                }
            }
            foreach (ulong t in h.ArcTargets(cpu, "fwd").Where(t => h.NodeNameIs(t, "cache")))
                FillCache(t);
            Assert.Equal((16384UL, 32UL, 8192UL, 16UL, 3UL << 20, 64UL), (icache, icacheLine, dcache, dcacheLine, ecache, ecacheLine));
        }

        // set_core_ids: level-1 instruction caches number the cores through their back arcs.
        int idx = 1;
        foreach (ulong mp in h.NodesByName("cache"))
        {
            if (h.U64(mp, "level") != 1 || !h.InPropList(mp, "type", "instn"))
                continue;
            int core = idx++;
            h.FindBackNodes(mp, "cpu", cpu => coreId[h.U64(cpu, "id")!.Value] = core, 10);
        }
        Assert.Equal(ids.Select(id => (int)(id / 4) + 1), ids.Select(id => coreId[id]));

        // set_sock_ids: the one L2 reaches every cpu through L1 back arcs.
        var socket = new HashSet<ulong>();
        var l2s = h.NodesByName("cache").Where(mp => h.U64(mp, "level") == 2).ToList();
        Assert.Single(l2s);
        h.FindBackNodes(l2s[0], "cpu", cpu => socket.Add(h.U64(cpu, "id")!.Value), 10);
        Assert.Equal(ids.ToHashSet(), socket);

        // mdesc_cpu_hwcap_list: the first cpu's names all mean something to Linux.
        ulong first = h.NodeByName(LinuxMdesc.Null, "cpu");
        Assert.All(GuestMachineDescription.Build(config).FindNodes("cpu")[0].GetStrings("hwcap-list"), cap => Assert.Contains(cap, LinuxHwcaps));
        Assert.True(h.InPropList(first, "hwcap-list", "ASIBlkInit"));
        Assert.Equal(0x2bUL, h.U64(first, "mmu-page-size-list"));
    }

    [Fact]
    public void LinuxWalk_PropertyLookupSkipsArcsAndStopsAtNodeEnd()
    {
        var h = new LinuxMdesc(GuestMachineDescription.Build(MachineConfiguration.Default).ToBytes());
        ulong root = h.NodeByName(LinuxMdesc.Null, "root");
        Assert.Equal(0UL, root);
        Assert.Equal(-1, h.GetProperty(root, "fwd", out _));          // arcs are not properties
        Assert.Equal(-1, h.GetProperty(root, "banner-name", out _));  // the next node's property
        Assert.Equal(4, h.ArcTargets(root, "fwd").Count);
        Assert.Empty(h.ArcTargets(root, "back"));
    }

    // get_one_mondo_bits: default when missing, 0 or >= 64; capped at max; mask of 64-byte entries.
    private static uint MondoMask(ulong? bits, int def, ulong max)
    {
        ulong v = bits is null or 0 or >= 64 ? (ulong)def : Math.Min(bits.Value, max);
        return ((1u << (int)v) * 64u) - 1u;
    }
}

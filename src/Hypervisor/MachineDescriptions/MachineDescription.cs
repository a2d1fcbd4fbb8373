namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>
/// A sun4v machine description as a list of nodes, the first being the root. Build one with
/// <see cref="AddNode"/> and <see cref="Link"/>, write it with <see cref="ToBytes"/>, read one
/// with <see cref="Parse"/>. Node order is kept, so the same building steps give the same bytes.
/// </summary>
public sealed class MachineDescription
{
    private readonly List<MdNode> nodes = new();

    public IReadOnlyList<MdNode> Nodes => nodes;

    /// <summary>The first node; guests expect it to be named "root".</summary>
    public MdNode Root => nodes.Count > 0 ? nodes[0] : throw new InvalidOperationException("the machine description has no nodes");

    public MdNode AddNode(string name)
    {
        var node = new MdNode(this, name);
        nodes.Add(node);
        return node;
    }

    /// <summary>Makes <paramref name="child"/> a child of <paramref name="parent"/>: a "fwd" arc down and a "back" arc up.</summary>
    public void Link(MdNode parent, MdNode child)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(child);
        if (!ReferenceEquals(child.Owner, this) || !ReferenceEquals(parent.Owner, this))
            throw new ArgumentException("both nodes must belong to this machine description");
        parent.AddArc(MdFormat.ForwardArc, child);
        child.AddArc(MdFormat.BackArc, parent);
    }

    /// <summary>Nodes named <paramref name="name"/>, in order (what Linux's mdesc_for_each_node_by_name visits).</summary>
    public IReadOnlyList<MdNode> FindNodes(string name)
    {
        var found = new List<MdNode>();
        foreach (var n in nodes)
        {
            if (n.Name == name)
                found.Add(n);
        }
        return found;
    }

    /// <summary>The binary MD; also sets every node's <see cref="MdNode.ElementIndex"/>.</summary>
    public byte[] ToBytes() => MdSerializer.Serialize(this);

    /// <summary>Reads and validates a binary MD; throws <see cref="MdFormatException"/> when it is malformed.</summary>
    public static MachineDescription Parse(ReadOnlySpan<byte> bytes) => MdReader.Parse(bytes);
}

namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>
/// A node of a machine description: a name and an ordered list of properties. Arcs to other
/// nodes are properties too ("fwd" to children, "back" to parents); add them with
/// <see cref="MachineDescription.Link"/> so both directions exist.
/// </summary>
public sealed class MdNode
{
    private readonly List<MdProperty> properties = new();

    internal MdNode(MachineDescription owner, string name)
    {
        Owner = owner;
        Name = MdProperty.CheckName(name);
    }

    public string Name { get; }

    public IReadOnlyList<MdProperty> Properties => properties;

    /// <summary>The node's element index in the binary form: set by the serializer and the reader, -1 before.</summary>
    public int ElementIndex { get; internal set; } = -1;

    internal MachineDescription Owner { get; }

    public MdNode AddValue(string name, ulong value) => Add(MdProperty.Val(name, value));

    public MdNode AddString(string name, string text) => Add(MdProperty.Str(name, text));

    /// <summary>A NUL-separated string list (PROP_DATA), as "compatible", "isalist" and "hwcap-list" are.</summary>
    public MdNode AddStrings(string name, params string[] items) => Add(MdProperty.Strings(name, items));

    public MdNode AddData(string name, ReadOnlySpan<byte> bytes) => Add(MdProperty.Blob(name, bytes));

    /// <summary>A single arc. Prefer <see cref="MachineDescription.Link"/>, which adds the matching back arc.</summary>
    public MdNode AddArc(string name, MdNode target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!ReferenceEquals(target.Owner, Owner))
            throw new ArgumentException($"arc '{name}' from '{Name}' targets a node of another machine description", nameof(target));
        return Add(MdProperty.Arc(name, target));
    }

    internal MdNode Add(MdProperty property)
    {
        properties.Add(property);
        return this;
    }

    /// <summary>The first non-arc property named <paramref name="name"/> (Linux mdesc_get_property skips arcs).</summary>
    public MdProperty? Find(string name)
    {
        foreach (var p in properties)
        {
            if (p.Tag != MdTag.PropArc && p.Name == name)
                return p;
        }
        return null;
    }

    public bool TryGetValue(string name, out ulong value)
    {
        var p = Find(name);
        value = p is { Tag: MdTag.PropVal } ? p.Value : 0;
        return p is { Tag: MdTag.PropVal };
    }

    public ulong GetValue(string name) =>
        TryGetValue(name, out ulong v) ? v : throw new KeyNotFoundException($"node '{Name}' has no value property '{name}'");

    public string GetString(string name) =>
        Find(name) is { Tag: MdTag.PropStr } p ? p.StringValue : throw new KeyNotFoundException($"node '{Name}' has no string property '{name}'");

    public IReadOnlyList<string> GetStrings(string name) =>
        Find(name) is { Tag: MdTag.PropData or MdTag.PropStr } p ? p.StringList() : throw new KeyNotFoundException($"node '{Name}' has no string-list property '{name}'");

    /// <summary>The targets of this node's arcs named <paramref name="arcName"/>, in order.</summary>
    public IReadOnlyList<MdNode> Arcs(string arcName)
    {
        var targets = new List<MdNode>();
        foreach (var p in properties)
        {
            if (p.IsArc(arcName) && p.Target is not null)
                targets.Add(p.Target);
        }
        return targets;
    }

    public IReadOnlyList<MdNode> Children => Arcs(MdFormat.ForwardArc);

    public IReadOnlyList<MdNode> Parents => Arcs(MdFormat.BackArc);

    public override string ToString() => ElementIndex >= 0 ? $"{Name}@0x{ElementIndex:x}" : Name;
}

namespace Niagara.Machine;

/// <summary>
/// A guest image embedded into the niagara assembly at build time (Niagara.csproj), which a
/// command runs when it is given no IMAGE: it runs from any directory and without the cross
/// toolchain.
/// </summary>
public sealed class BuiltInGuest
{
    private readonly string _resourceName;

    private BuiltInGuest(string name, string description, string resourceName)
    {
        Name = name;
        Description = description;
        _resourceName = resourceName;
    }

    /// <summary>
    /// `niagara run` and `trace`: guest/bin/jobmix.elf (240 CRC-32, sieve and hash jobs pulled
    /// from a shared queue by all strands, checked against the host's checksum).
    /// </summary>
    public static BuiltInGuest Demo { get; } = new(
        "built-in demo",
        "no IMAGE: running the built-in demo, guest/bin/jobmix.elf (240 CRC-32/sieve/hash jobs shared by all strands, self-checking)",
        "Niagara.BuiltInDemo.elf");

    /// <summary>
    /// `niagara scale`: guest/bin/compute.elf, race-free (workers report by cross-call), so its
    /// results must be identical on any number of host threads.
    /// </summary>
    public static BuiltInGuest Scaling { get; } = new(
        "built-in scaling workload",
        "no IMAGE: scaling the built-in workload, guest/bin/compute.elf (5120 CRC-32/sieve/hash items over all strands, race-free)",
        "Niagara.ScaleDemo.elf");

    /// <summary>The name messages use for the image.</summary>
    public string Name { get; }

    /// <summary>What it is, told on stderr before it runs.</summary>
    public string Description { get; }

    /// <summary>The image's bytes, or null (with a message on stderr) if this build has none.</summary>
    public byte[]? Read()
    {
        using Stream? stream = typeof(BuiltInGuest).Assembly.GetManifestResourceStream(_resourceName);
        if (stream is null)
        {
            Console.Error.WriteLine($"niagara: this build has no {Name} (guest/bin held no image for it when niagara was built); give an IMAGE");
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

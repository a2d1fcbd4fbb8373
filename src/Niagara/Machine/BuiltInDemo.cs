namespace Niagara.Machine;

/// <summary>
/// The guest `niagara run` runs without an image: guest/bin/jobmix.elf (240 CRC-32, sieve and
/// hash jobs pulled from a shared queue by all strands, checked against the host's checksum),
/// embedded into the niagara assembly at build time (Niagara.csproj), so it runs from any
/// directory and without the cross toolchain.
/// </summary>
public static class BuiltInDemo
{
    /// <summary>The name messages use for the demo image.</summary>
    public const string Name = "built-in demo";

    /// <summary>What the demo is, told on stderr before it runs.</summary>
    public const string Description = "no IMAGE: running the built-in demo, guest/bin/jobmix.elf (240 CRC-32/sieve/hash jobs shared by all strands, self-checking)";

    /// <summary>The manifest resource name Niagara.csproj gives the embedded image.</summary>
    public const string ResourceName = "Niagara.BuiltInDemo.elf";

    /// <summary>The demo image's bytes, or null (with a message on stderr) if this build has none.</summary>
    public static byte[]? Read()
    {
        using Stream? stream = typeof(BuiltInDemo).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            Console.Error.WriteLine("niagara: this build has no built-in demo (guest/bin held no demo image when niagara was built); give an IMAGE");
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

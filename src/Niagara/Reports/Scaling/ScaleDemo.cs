namespace Niagara.Reports.Scaling;

/// <summary>
/// The guest `niagara scale` runs without an image: guest/bin/compute.elf, embedded at build
/// time (Niagara.csproj). Not the run demo (jobmix): jobmix's strands take jobs from a shared
/// queue, so which strand runs what depends on host timing and its per-strand counts differ
/// between host-thread counts; compute's do not, so scale can demand identical results.
/// </summary>
public static class ScaleDemo
{
    public const string Name = "built-in scaling workload";

    public const string Description = "no IMAGE: scaling the built-in workload, guest/bin/compute.elf (5120 CRC-32/sieve/hash items over all strands, race-free)";

    public const string ResourceName = "Niagara.ScaleDemo.elf";

    /// <summary>The image's bytes, or null (with a message on stderr) if this build has none.</summary>
    public static byte[]? Read()
    {
        using Stream? stream = typeof(ScaleDemo).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            Console.Error.WriteLine("niagara: this build has no built-in scaling workload (guest/bin held no compute.elf when niagara was built); give an IMAGE");
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

using System.Buffers.Binary;
using System.Diagnostics;

namespace Niagara.Strands.Tests.Support;

/// <summary>
/// Assembles SPARC V9 source with the GNU cross assembler, so tests state instructions as
/// people read them instead of hand-made hex. Results are cached per source text.
/// </summary>
public static class GasAssembler
{
    private static readonly Dictionary<string, uint[]> Cache = new();
    private static readonly Lock CacheLock = new();

    /// <summary>Assembles <paramref name="source"/> (one instruction per line) into big-endian words.</summary>
    public static uint[] Assemble(string source)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(source, out uint[]? cached))
            {
                return cached;
            }
        }

        string dir = Directory.CreateTempSubdirectory("niagara-gas").FullName;
        try
        {
            string asm = Path.Combine(dir, "t.s"), obj = Path.Combine(dir, "t.o"), bin = Path.Combine(dir, "t.bin");
            File.WriteAllText(asm, ".register %g2,#scratch\n.register %g3,#scratch\n.register %g6,#scratch\n.register %g7,#scratch\n.text\n" + source + "\n");
            Run("sparc64-linux-gnu-as", $"-Av9v -64 -o {obj} {asm}");
            Run("sparc64-linux-gnu-objcopy", $"-O binary -j .text {obj} {bin}");
            byte[] bytes = File.ReadAllBytes(bin);
            var words = new uint[bytes.Length / 4];
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i * 4));
            }

            lock (CacheLock)
            {
                Cache[source] = words;
            }

            return words;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Run(string tool, string arguments)
    {
        var psi = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {err}");
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace Niagara.Hypervisor.Tests.Sun4v;

/// <summary>
/// Builds a flat guest image from SPARC assembly with the GNU cross tools: as, then ld at a
/// fixed text address (so `set label, %reg` works), then objcopy to raw bytes. The image starts
/// at <c>baseAddress</c>; a program puts its boot code at `.org 0x20` (the POR vector).
/// Results are cached per source text.
/// </summary>
public static class GuestImageAssembler
{
    /// <summary>Macros every test program may use (see the test files for examples).</summary>
    public const string Prelude = """
        .register %g2,#scratch
        .register %g3,#scratch
        .register %g6,#scratch
        .register %g7,#scratch
        .macro HCALL fn
            mov \fn, %o5
            ta 0x80
        .endm
        .macro CORECALL fn
            mov \fn, %o5
            ta 0xff
        .endm
        ! api_set_version(group, major, minor)
        .macro SETVER group, major, minor
            mov \group, %o0
            mov \major, %o1
            mov \minor, %o2
            CORECALL 0
        .endm
        ! CORE_TRAP api_exit(code): works before any negotiation
        .macro EXIT code
            mov \code, %o0
            CORECALL 2
        .endm
        ! boot strand: TL 0, GL 0 and %g7 = its 256-byte slot of `results` (slot 0)
        .macro PROLOGUE
            wrpr %g0, 0, %tl
            wrpr %g0, 0, %gl
            set results, %g7
        .endm
        ! a cpu_start'ed strand whose start argument (%o0) is its slot number
        .macro SECONDARY
            wrpr %g0, 0, %tl
            wrpr %g0, 0, %gl
            set results, %g7
            sllx %o0, 8, %g1
            add %g7, %g1, %g7
        .endm
        .macro RESULT reg, idx
            stx \reg, [%g7 + (\idx * 8)]
        .endm
        """;

    private static readonly Dictionary<string, (byte[] Image, Dictionary<string, ulong> Symbols)> Cache = new();
    private static readonly Lock CacheLock = new();

    public static (byte[] Image, Dictionary<string, ulong> Symbols) Build(string source, ulong baseAddress)
    {
        string key = baseAddress.ToString("x", CultureInfo.InvariantCulture) + "\n" + source;
        lock (CacheLock)
        {
            if (Cache.TryGetValue(key, out var cached))
            {
                return cached;
            }
        }

        string dir = Directory.CreateTempSubdirectory("niagara-sun4v").FullName;
        try
        {
            string asm = Path.Combine(dir, "g.s"), obj = Path.Combine(dir, "g.o"), elf = Path.Combine(dir, "g.elf"), bin = Path.Combine(dir, "g.bin");
            File.WriteAllText(asm, Prelude + "\n.text\n" + source + "\n");
            Run("sparc64-linux-gnu-as", $"-Av9v -64 -o {obj} {asm}");
            Run("sparc64-linux-gnu-ld", $"-Ttext=0x{baseAddress:x} -e 0x{baseAddress:x} -o {elf} {obj}");
            Run("sparc64-linux-gnu-objcopy", $"-O binary -j .text {elf} {bin}");
            var symbols = new Dictionary<string, ulong>();
            foreach (string line in Run("sparc64-linux-gnu-nm", elf).Split('\n'))
            {
                string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length == 3 && ulong.TryParse(f[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong value))
                {
                    symbols[f[2]] = value;
                }
            }

            var result = (File.ReadAllBytes(bin), symbols);
            lock (CacheLock)
            {
                Cache[key] = result;
            }

            return result;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Run(string tool, string arguments)
    {
        var psi = new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {tool}");
        string output = p.StandardOutput.ReadToEnd();
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {err}");
        }

        return output;
    }
}

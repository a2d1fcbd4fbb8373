using Niagara.Strands.Tests.Disassembly;
using Xunit.Abstractions;

namespace Niagara.Strands.Tests;

/// <summary>
/// The disassembler against GNU objdump on real code: every instruction word of a static
/// sparc64 program (glibc included) compiled now with the cross toolchain, and a sample of the
/// shared glibc. A mismatch fails when the word's row exists (and its format is not pending).
/// </summary>
public sealed class DisassemblyGoldenTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("-O2")]
    [InlineData("-O0")]
    public void StaticProgram_EveryInstruction_MatchesObjdump(string optimization)
    {
        string dir = Directory.CreateTempSubdirectory("niagara-golden").FullName;
        try
        {
            string source = Path.Combine(dir, "golden.c"), binary = Path.Combine(dir, "golden");
            File.WriteAllText(source, GoldenProgram.Source);
            ObjdumpReference.CompileStatic(source, binary, optimization);

            AssertAgreesWithObjdump(ObjdumpReference.Disassemble(binary), $"golden.c {optimization} -static", minimumInstructions: 50_000);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// 48K instructions of libc.so.6's .text (position-independent code, the multiarch string
    /// routines); NIAGARA_DISASM_FULL=1 compares all of it (about 320K instructions).
    /// </summary>
    [Fact]
    public void SharedGlibc_TextSample_MatchesObjdump()
    {
        string libc = ObjdumpReference.CompilerFile("libc.so.6");
        (ulong start, ulong size) = ObjdumpReference.Section(libc, ".text");
        bool full = Environment.GetEnvironmentVariable("NIAGARA_DISASM_FULL") == "1";
        ulong stop = full ? start + size : start + Math.Min(size, 0x30000UL);

        AssertAgreesWithObjdump(ObjdumpReference.DisassembleRange(libc, start, stop), "libc.so.6 .text", minimumInstructions: full ? 200_000 : 40_000);
    }

    private void AssertAgreesWithObjdump(ObjdumpListing listing, string what, int minimumInstructions)
    {
        List<DisassemblyMismatch> mismatches = ObjdumpReference.Compare(listing);
        string counts = ObjdumpReference.Counts(listing.Lines.Count, mismatches);
        output.WriteLine($"{what}: {counts}");
        output.WriteLine(ObjdumpReference.Summarize(mismatches, examplesPerKind: 3));

        Assert.True(listing.Lines.Count >= minimumInstructions, $"{what}: objdump listed only {listing.Lines.Count} instructions");
        List<DisassemblyMismatch> failing = ObjdumpReference.Failing(mismatches);
        Assert.True(failing.Count == 0, $"{what}: {counts}\n{ObjdumpReference.Summarize(failing, examplesPerKind: 5)}");
    }
}

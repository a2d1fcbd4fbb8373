using System.Globalization;
using System.Text.RegularExpressions;
using Niagara.Strands.Disassembly;
using Niagara.Strands.Tests.Disassembly;

namespace Niagara.Strands.Tests;

/// <summary>
/// <see cref="DisassemblyListing"/> against objdump's full lines (address column, bytes, text,
/// "\t..." for zero runs) for every symbol of a static program's .text, listed symbol by symbol
/// as objdump does.
/// </summary>
public partial class DisassemblyListingTests
{
    [Fact]
    public void StaticProgramText_EverySymbolBlock_MatchesObjdumpLines()
    {
        string dir = Directory.CreateTempSubdirectory("niagara-listing").FullName;
        try
        {
            string source = Path.Combine(dir, "golden.c"), binary = Path.Combine(dir, "golden"), text = Path.Combine(dir, "text.bin");
            File.WriteAllText(source, GoldenProgram.Source);
            ObjdumpReference.CompileStatic(source, binary, "-O2");
            ObjdumpReference.Run("sparc64-linux-gnu-objcopy", $"-O binary --only-section=.text \"{binary}\" \"{text}\"");
            byte[] code = File.ReadAllBytes(text);
            (ulong address, ulong size) = ObjdumpReference.Section(binary, ".text");
            Assert.Equal(size, (ulong)code.Length);

            List<(ulong Start, List<string> Lines)> blocks = ObjdumpBlocks(ObjdumpReference.Run(ObjdumpReference.Objdump, $"-d -j .text \"{binary}\""));
            int width = DisassemblyListing.AddressWidth(address, address + size);
            int compared = 0;
            for (int b = 0; b < blocks.Count; b++)
            {
                ulong end = b + 1 < blocks.Count ? blocks[b + 1].Start : address + size;
                List<string> ours = DisassemblyListing.Lines(
                    code, address, (int)(blocks[b].Start - address), (int)(end - address), width, _ => "");
                List<string> expected = blocks[b].Lines.ConvertAll(l => Annotation().Replace(l, ""));
                ours = ours.ConvertAll(l => Annotation().Replace(l, ""));
                Assert.Equal(expected, ours);
                compared += ours.Count;
            }

            Assert.True(compared > 50_000, $"only {compared} lines compared");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Lines_SkipZeroRunsButNotADelaySlot()
    {
        // call; 3 zero words (the first is its delay slot); nop; 2 zero words at the end.
        byte[] code =
        [
            0x40, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ];
        List<string> lines = DisassemblyListing.Lines(code, 0x2000);
        Assert.Equal(
            [
                "    2000:\t40 00 00 10 \tcall  0x2040",
                "    2004:\t00 00 00 00 \tilltrap  0",
                "\t...",
                "    2010:\t01 00 00 00 \tnop ",
                "\t...",
            ],
            lines);
    }

    [Fact]
    public void Lines_TrailingPartialWord_EndsLikeObjdump()
    {
        byte[] code = [0x01, 0, 0, 0, 0x90, 0x10, 0x20, 0x01, 1, 2];
        Assert.Equal(
            ["   0:\t01 00 00 00 \tnop ", "   4:\t90 10 20 01 \tmov  1, %o0\t! 0x1", "   8:\tAddress 0x8 is out of bounds."],
            DisassemblyListing.Lines(code, 0));
    }

    /// <summary>objdump's "addr &lt;symbol&gt;:" blocks: the instruction and "\t..." lines under each header.</summary>
    private static List<(ulong Start, List<string> Lines)> ObjdumpBlocks(string output)
    {
        var blocks = new List<(ulong, List<string>)>();
        foreach (string raw in output.Split('\n'))
        {
            Match header = Header().Match(raw);
            if (header.Success)
            {
                blocks.Add((ulong.Parse(header.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture), new List<string>()));
            }
            else if (blocks.Count > 0 && raw.Length > 0 && raw[0] is ' ' or '\t')
            {
                blocks[^1].Item2.Add(raw);
            }
        }

        return blocks;
    }

    [GeneratedRegex(@"^([0-9a-f]+) <.*>:$")]
    private static partial Regex Header();

    [GeneratedRegex(@" <[^<>\t]*>")]
    private static partial Regex Annotation();
}

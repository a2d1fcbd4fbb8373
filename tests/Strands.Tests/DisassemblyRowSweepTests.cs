using Niagara.Strands.Isa;
using Niagara.Strands.Tests.Disassembly;
using Xunit.Abstractions;

namespace Niagara.Strands.Tests;

/// <summary>
/// Every row of the ISA table against objdump with random words that match it: random fields,
/// canonical (zero) reserved bits, small immediates, rd = rs1 or rs2, and sethi/delay-slot
/// contexts for objdump's "! address" comments. Catches rows whose mnemonic or operand layout
/// objdump prints differently.
/// </summary>
public sealed class DisassemblyRowSweepTests(ITestOutputHelper output)
{
    private const int WordsPerRow = 48;

    [Fact]
    public void EveryRow_RandomMatchingWords_MatchObjdump()
    {
        var random = new Random(20240611);
        var words = new List<uint>();
        var siam = new List<uint>();
        foreach (InstructionSpec spec in InstructionTable.Specs)
        {
            for (int k = 0; k < WordsPerRow; k++)
            {
                uint word = RandomWord(spec, k, random);
                if (spec.Mnemonic == "siam")
                {
                    siam.Add(word);
                    continue;
                }

                if (random.Next(3) == 0)
                {
                    // A sethi of this word's rs1, sometimes with a delayed call or branch in between.
                    words.Add(0x0100_0000u | (InstructionFields.Rs1(word) << 25) | (uint)random.Next(0, 1 << 22));
                    if (random.Next(3) == 0)
                    {
                        words.Add(random.Next(2) == 0 ? 0x4000_0010u : 0x1068_0004u);
                    }
                }

                words.Add(word);
            }
        }

        Check(ObjdumpReference.DisassembleWords(words), "v9a");
        // objdump names siam only at v9b, the level of any binary that uses it.
        Check(ObjdumpReference.DisassembleWords(siam, "sparc:v9b"), "siam at v9b");
    }

    private void Check(ObjdumpListing listing, string what)
    {
        List<DisassemblyMismatch> mismatches = ObjdumpReference.Compare(listing);
        string counts = ObjdumpReference.Counts(listing.Lines.Count, mismatches);
        output.WriteLine($"{what}: {counts}");
        List<DisassemblyMismatch> failing = ObjdumpReference.Failing(mismatches);
        Assert.True(failing.Count == 0, $"{what}: {counts}\n{ObjdumpReference.Summarize(failing, examplesPerKind: 4)}");
    }

    private static uint RandomWord(InstructionSpec spec, int k, Random random)
    {
        uint word = spec.Match | ((uint)random.NextInt64(0, 1L << 32) & ~spec.Mask);
        bool immediate = InstructionFields.I(word);
        switch (k % 4)
        {
            case 0:
                if (!immediate)
                {
                    word &= ~0x1FE0u;
                }

                break;
            case 1:
                word &= ~0x1FE0u;
                if (immediate)
                {
                    word = (word & ~0x1FFFu) | (uint)random.Next(0, 16);
                }

                break;
            case 2:
                word &= random.Next(2) == 0 ? ~(0x1Fu << 14) : ~0x1Fu;
                if (random.Next(2) == 0)
                {
                    word &= ~(0x1Fu << 25);
                }

                break;
            default:
                word &= ~0x1FE0u;
                word = random.Next(4) switch
                {
                    0 => (word & ~(0x1Fu << 25)) | (InstructionFields.Rs1(word) << 25),
                    1 => (word & ~(0x1Fu << 25)) | (InstructionFields.Rs2(word) << 25),
                    2 when immediate => (word & ~0x1FFFu) | 1,
                    3 when immediate => (word & ~0x1FFFu) | 8,
                    _ => word,
                };
                break;
        }

        // Keep the row's fixed bits whatever the shaping above did.
        return spec.Match | (word & ~spec.Mask);
    }
}

using System.Diagnostics;
using Niagara.Strands.Execution.Vis;
using Niagara.Strands.Isa;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Tests;

/// <summary>The VIS rows decode as GNU binutils names them, and the ops the T1 lacks trap.</summary>
public class VisDecodeTests
{
    [Fact]
    public void EveryVisRow_IsWhatObjdumpPrintsForItsEncoding()
    {
        List<InstructionSpec> rows = VisInstructions.Specs();
        var words = new uint[rows.Count];
        for (int k = 0; k < rows.Count; k++)
        {
            words[k] = SampleWord(rows[k]);
        }

        string[] printed = ObjdumpMnemonics(words);
        for (int k = 0; k < rows.Count; k++)
        {
            Assert.Equal(rows[k].Mnemonic, printed[k]);
        }
    }

    [Fact]
    public void EveryVisRow_IsTheRowTheDecoderFinds()
    {
        foreach (InstructionSpec row in VisInstructions.Specs())
        {
            uint word = SampleWord(row);
            Instruction insn = Decoder.Decode(word);
            Assert.NotEqual(ushort.MaxValue, insn.Spec);
            Assert.Equal(row.Mnemonic, InstructionTable.Specs[insn.Spec].Mnemonic);
        }
    }

    [Fact]
    public void AlignAddress_ToG0_DecodesToTheSink()
    {
        uint word = GasAssembler.Assemble("alignaddr %o0, %o1, %g0")[0];
        Assert.Equal(Strand.SinkRegister, Decoder.Decode(word).Rd);
    }

    /// <summary>
    /// VIS 1/2 ops the T1 does not implement in hardware (Linux emulates exactly these in
    /// arch/sparc/kernel/visemul.c from the illegal_instruction trap on sun4v).
    /// </summary>
    [Theory]
    [InlineData("edge8cc %o0, %o1, %o2")]
    [InlineData("edge16ln %o0, %o1, %o2")]
    [InlineData("edge32n %o0, %o1, %o2")]
    [InlineData("array8 %o0, %o1, %o2")]
    [InlineData("array32 %o0, %o1, %o2")]
    [InlineData("bmask %o0, %o1, %o2")]
    [InlineData("fpcmple16 %f0, %f2, %o2")]
    [InlineData("fpcmpeq32 %f0, %f2, %o2")]
    [InlineData("fmul8x16 %f1, %f2, %f4")]
    [InlineData("fmuld8ulx16 %f1, %f3, %f4")]
    [InlineData("fpack16 %f2, %f5")]
    [InlineData("fpack32 %f0, %f2, %f4")]
    [InlineData("fpackfix %f2, %f5")]
    [InlineData("pdist %f0, %f2, %f4")]
    [InlineData("fpmerge %f1, %f3, %f4")]
    [InlineData("bshuffle %f0, %f2, %f4")]
    [InlineData("fexpand %f3, %f4")]
    [InlineData("shutdown")]
    public void VisOpTheT1LacksInHardware_RaisesIllegalInstruction(string source)
    {
        var h = new StrandHarness().Load(source);
        h.Strand.SetDouble(4, 0x1234UL);
        h[Registers.O2] = 99;
        h.Run(1);
        Assert.Equal([TrapType.IllegalInstruction], h.Traps);
        Assert.Equal(0x1234UL, h.Strand.GetDouble(4));
        Assert.Equal(99UL, h[Registers.O2]);
    }

    /// <summary>The row's encoding with rd = 4, rs1 = 8 where it has those operands, and rs2 = 2 (siam: mode 2).</summary>
    private static uint SampleWord(InstructionSpec row)
    {
        bool hasRd = row.RdWidth != FloatWidth.None || (row.Flags & InstructionFlags.IntegerDestination) != 0;
        bool hasRs1 = (row.Flags & InstructionFlags.ReadsRs1) != 0;
        return row.Match | (hasRd ? 4u << 25 : 0) | (hasRs1 ? 8u << 14 : 0) | 2u;
    }

    /// <summary>Disassembles raw big-endian words with GNU objdump (-m sparc:v9v knows VIS 1 and 2).</summary>
    private static string[] ObjdumpMnemonics(uint[] words)
    {
        string file = Path.GetTempFileName();
        try
        {
            var bytes = new byte[words.Length * 4];
            for (int k = 0; k < words.Length; k++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(k * 4), words[k]);
            }

            File.WriteAllBytes(file, bytes);
            var psi = new ProcessStartInfo("sparc64-linux-gnu-objdump", $"-D -b binary -m sparc:v9v -EB {file}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using Process p = Process.Start(psi) ?? throw new InvalidOperationException("cannot start objdump");
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);

            // Lines look like "   4:\t89 b0 0c 00 \tfzerod  %f4".
            var mnemonics = new List<string>();
            foreach (string line in output.Split('\n'))
            {
                string[] columns = line.Split('\t');
                if (columns.Length >= 3 && columns[0].TrimEnd().EndsWith(':'))
                {
                    mnemonics.Add(columns[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
                }
            }

            Assert.Equal(words.Length, mnemonics.Count);
            return mnemonics.ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }
}

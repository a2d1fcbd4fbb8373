using Niagara.Strands.Disassembly;
using Niagara.Strands.Tests.Disassembly;
using Niagara.Strands.Tests.Support;

namespace Niagara.Strands.Tests;

/// <summary>
/// objdump's choice among an instruction's names (binutils sparc-opc.c) and its operand
/// printing, one case per rule. Each case is assembled with GNU as; the last instruction is
/// disassembled at <see cref="Base"/> + its offset, with the earlier ones as context.
/// </summary>
public class DisassemblyAliasTests
{
    private const ulong Base = 0x10000;

    public static TheoryData<string, string> Synthetic => new()
    {
        { "or %g0, 5, %o1", "mov  5, %o1" },
        { "or %g0, %o2, %o1", "mov  %o2, %o1" },
        { "or %o2, %g0, %o1", "mov  %o2, %o1" },
        { "or %o2, 0, %o1", "mov  %o2, %o1" },
        { "or %g0, 0, %o1", "clr  %o1" },
        { "or %g0, %g0, %g0", "clr  %g0" },
        { "or %o2, 0x123, %o1", "or  %o2, 0x123, %o1" },
        { "subcc %o1, 5, %g0", "cmp  %o1, 5" },
        { "subcc %o1, %o2, %g0", "cmp  %o1, %o2" },
        { "subcc %o1, 5, %o3", "subcc  %o1, 5, %o3" },
        { "orcc %o1, %g0, %g0", "tst  %o1" },
        { "orcc %g0, %o2, %g0", "tst  %o2" },
        { "orcc %o1, 0, %g0", "tst  %o1" },
        { "andcc %o1, 8, %g0", "btst  8, %o1" },
        { "andcc %o1, %o2, %g0", "btst  %o1, %o2" },
        { "sub %g0, %o1, %o2", "neg  %o1, %o2" },
        { "sub %g0, %o1, %o1", "neg  %o1" },
        { "add %o1, 1, %o1", "inc  %o1" },
        { "add %o1, 1, %o2", "add  %o1, 1, %o2" },
        { "add %o1, 8, %o1", "add  %o1, 8, %o1" },
        { "sub %o1, 1, %o1", "dec  %o1" },
        { "addcc %o1, 1, %o1", "inccc  %o1" },
        { "subcc %o1, 1, %o1", "deccc  %o1" },
        { "xnor %o1, %g0, %o2", "xnor  %o1, %g0, %o2" },  // "not" ties with xnor: never printed
        { "xor %o1, %o2, %o1", "xor  %o1, %o2, %o1" },    // nor btog, bset, bclr
        { "sra %o1, %g0, %o2", "signx  %o1, %o2" },
        { "sra %o1, %g0, %o1", "signx  %o1" },
        { "srl %o1, %g0, %o2", "clruw  %o1, %o2" },
        { "srl %o1, 0, %o2", "srl  %o1, 0, %o2" },
        { "sllx %o1, 63, %o2", "sllx  %o1, 0x3f, %o2" },
        { "jmpl %i7+8, %g0", "ret " },
        { "jmpl %o7+8, %g0", "retl " },
        { "jmpl %g1, %g0", "jmp  %g1" },
        { "jmpl %g1+%g2, %o7", "call  %g1 + %g2" },
        { "jmpl %g1, %o7", "call  %g1" },
        { "jmpl %g1+4, %o3", "jmpl  %g1 + 4, %o3" },
        { "return %i7+8", "return  %i7 + 8" },
        { "restore %g0, %g0, %g0", "restore " },
        { "restore %o1, 2, %o0", "restore  %o1, 2, %o0" },
        { "save %sp, -176, %sp", "save  %sp, -176, %sp" },
        { "save %g0, %g0, %g0", "save " },
        { "sethi %hi(0), %g0", "nop " },
        { "sethi %hi(0x12345678), %g1", "sethi  %hi(0x12345400), %g1" },
        { "stx %g0, [%o1+8]", "clrx  [ %o1 + 8 ]" },
        { "stb %g0, [%o1]", "clrb  [ %o1 ]" },
        { "st %g0, [%o1+%o2]", "clr  [ %o1 + %o2 ]" },
        { "sth %g0, [%o1-4]", "clrh  [ %o1 + -4 ]" },
        { "stxa %g0, [%o1] %asi", "stxa  %g0, [ %o1 ] %asi" },
        { "casa [%o1] 0x80, %o2, %o3", "cas  [ %o1 ], %o2, %o3" },
        { "casxa [%o1] 0x88, %o2, %o3", "casxl  [ %o1 ], %o2, %o3" },
        { "casxa [%o1] %asi, %o2, %o3", "casxa  [ %o1 ] %asi, %o2, %o3" },
        { "casa [%o1] 0x04, %o2, %o3", "casa  [ %o1 ] #ASI_N, %o2, %o3" },
        { "ldd [%o2], %o4", "ldtw  [ %o2 ], %o4" },
        { "lduw [%o2], %o4", "ld  [ %o2 ], %o4" },
        { "lduwa [%o2] 0x88, %o4", "lda  [ %o2 ] #ASI_P_L, %o4" },
        { "ldda [%o1] 0xe2, %o2", "ldtwa  [ %o1 ] #ASI_BLK_INIT_QUAD_LDD_P, %o2" },
        { "fzero %f0", "fzerod  %f0" },
        { "fsrc1 %f0, %f2", "fsrc1d  %f0, %f2" },
        { "movrnz %o1, 5, %o2", "movrne  %o1, 5, %o2" },
        { "fmovrsz %o1, %f1, %f2", "fmovrse  %o1, %f1, %f2" },
        { "fcmpd %fcc0, %f0, %f2", "fcmpd  %f0, %f2" },
        { "fcmpd %fcc3, %f0, %f2", "fcmpd  %fcc3, %f0, %f2" },
        { "ta 0x6d", "ta  0x6d" },
        { "ta %xcc, 0x6d", "ta  %xcc, -3987" },           // objdump reads simm13 across the cc bits
        { "tne %icc, %g1+3", "tne  %g1 + 3" },
        { "wr %g0, 5, %y", "wr  5, %y" },
        { "wrpr %g0, 5, %pil", "wrpr  5, %pil" },
    };

    public static TheoryData<string, string> Operands => new()
    {
        { "ldx [%g0+8], %o1", "ldx  [ 8 ], %o1" },
        { "ldx [%o1+%g0], %o2", "ldx  [ %o1 ], %o2" },
        { "ldx [%fp+0x7ff], %o2", "ldx  [ %fp + 0x7ff ], %o2" },
        { "ldxa [%o1] 0x01, %o2", "ldxa  [ %o1 ] (1), %o2" },
        { "ldd [%o1+8], %f32", "ldd  [ %o1 + 8 ], %f32" },
        { "std %f62, [%o1]", "std  %f62, [ %o1 ]" },
        { "ld [%o1], %fsr", "ld  [ %o1 ], %fsr" },
        { "stx %fsr, [%o1]", "stx  %fsr, [ %o1 ]" },
        { "prefetch [%o1], 20", "prefetch  [ %o1 ], #n_reads_strong" },
        { "prefetch [%o1+8], 5", "prefetch  [ %o1 + 8 ], 5" },
        { "membar #StoreLoad|#Sync", "membar  #Sync|#StoreLoad" },
        { "membar 0", "membar  0" },
        { "stbar", "stbar " },
        { "flush %o1+8", "flush  [ %o1 + 8 ]" },
        { "rd %ccr, %o1", "rd  %ccr, %o1" },
        { "rd %y, %o1", "rd  %y, %o1" },
        { "rd %gsr, %o1", "rd  %gsr, %o1" },
        { "rd %asr20, %o1", "rd  %asr20, %o1" },
        { "wr %o1, 4, %softint_set", "wr  %o1, 4, %softint_set" },
        { "wr %o1, %g0, %ccr", "wr  %o1, %g0, %ccr" },
        { "rdpr %pstate, %o1", "rdpr  %pstate, %o1" },
        { "wrpr %o1, %o2, %tl", "wrpr  %o1, %o2, %tl" },
        { "movne %icc, %o1, %o2", "movne  %icc, %o1, %o2" },
        { "move %xcc, 5, %o2", "move  %xcc, 5, %o2" },
        { "movg %fcc1, %o1, %o2", "movg  %fcc1, %o1, %o2" },
        { "fmovdne %icc, %f32, %f34", "fmovdne  %icc, %f32, %f34" },
        { "faddd %f32, %f34, %f62", "faddd  %f32, %f34, %f62" },
        { "fitod %f3, %f4", "fitod  %f3, %f4" },
        { "fnot2s %f1, %f3", "fnot2s  %f1, %f3" },
        { "faligndata %f0, %f2, %f4", "faligndata  %f0, %f2, %f4" },
        { "alignaddr %o1, %o2, %o3", "alignaddr  %o1, %o2, %o3" },
        { "ba .+20", "b  0x10014" },
        { "ba,a,pt %xcc, .+16", "b,a   %xcc, 0x10010" },
        { "bne,pn %icc, .-8", "bne,pn   %icc, 0xfff8" },
        { "bn,pt %xcc, .+8", "iprefetch  0x10008" },
        { "brnz,pt %o1, .+12", "brnz  %o1, 0x1000c" },
        { "brz,a,pn %o1, .+12", "brz,a,pn   %o1, 0x1000c" },
        { "fbule,a %fcc2, .+4", "fbule,a   %fcc2, 0x10004" },
        { "fbe .+4", "fbe  0x10004" },
        { "call .+0x40", "call  0x10040" },
        { ".word 0xffffffff", "unknown" },
        { ".word 0", "illtrap  0" },
        { ".word 0x003fffff", "illtrap  0xffffffff" },
        { ".word 0x81580001", "unknown" },                 // flushw with a nonzero rs2 field
        { ".word 0x8143e080", "unknown" },                 // membar with a reserved bit
        { ".word 0x9a102200", "mov  0x200, %o5" },
    };

    /// <summary>objdump's "! address" after an or/add/"+ imm" completing a sethi of rs1.</summary>
    public static TheoryData<string, string> SethiComments => new()
    {
        { "sethi %hi(0x40000000), %g1\nor %g1, -4, %g2", "or  %g1, -4, %g2\t! 0xfffffffffffffffc" },
        { "sethi %hi(0x40000000), %g1\nadd %g1, -4, %g2", "add  %g1, -4, %g2\t! 0x3ffffffc" },
        { "sethi %hi(0x12345678), %o1\nor %o1, %lo(0x12345678), %o1", "or  %o1, 0x278, %o1\t! 0x12345678" },
        { "sethi %hi(0x40000000), %g1\ncall .+64\nldx [%g1+8], %g2", "ldx  [ %g1 + 8 ], %g2\t! 0x40000008" },
        { "sethi %hi(0x40000000), %g1\nst %f0, [%g1+0x10]", "st  %f0, [ %g1 + 0x10 ]\t! 0x40000010" },
        { "nop\nmov 5, %g1", "mov  5, %g1\t! 0x5" },       // nop is "sethi 0, %g0"
        { "sethi %hi(0x40000000), %g1\nldx [%g1+%g2], %g2", "ldx  [ %g1 + %g2 ], %g2" },
        { "sethi %hi(0x40000000), %g1\nadd %g1, 1, %g1", "inc  %g1" },
        { "sethi %hi(0x40000000), %g2\nor %g1, 8, %g3", "or  %g1, 8, %g3" },
    };

    [Theory]
    [MemberData(nameof(Synthetic))]
    public void Synthetic_PrintsObjdumpsPreferredName(string source, string expected) =>
        Assert.Equal(expected, DisassembleLast(source));

    [Theory]
    [MemberData(nameof(Operands))]
    public void Operands_PrintAsObjdump(string source, string expected) =>
        Assert.Equal(expected, DisassembleLast(source));

    [Theory]
    [MemberData(nameof(SethiComments))]
    public void SethiPairs_GetObjdumpsAddressComment(string source, string expected) =>
        Assert.Equal(expected, DisassembleLast(source));

    [Fact]
    public void WithSymbols_TargetsPrintAsObjdumpDoesForSymbolTables()
    {
        uint call = GasAssembler.Assemble("call .+0x40")[0];
        string text = Disassembler.Disassemble(call, 0x100000, ReadOnlySpan<uint>.Empty, address => address == 0x100040 ? "main" : "?");
        Assert.Equal("call  100040 <main>", text);
    }

    /// <summary>objdump names siam only at v9b, which is the level a binary using it is marked with.</summary>
    [Fact]
    public void Siam_PrintsItsModeAsObjdumpAtV9b()
    {
        const uint siam = 0x81b01026;
        Assert.Equal("siam  6", Disassembler.Disassemble(siam, Base));
        Assert.Equal("siam  6", ObjdumpReference.DisassembleWords([siam], "sparc:v9b").Lines[0].Text);
        Assert.Equal("unknown", Disassembler.Disassemble(siam | (1u << 25), Base));
    }

    [Fact]
    public void Listing_FormatsLikeObjdump()
    {
        Assert.Equal("   0:\t9d e3 bf 50 \tsave  %sp, -176, %sp", DisassemblyListing.FormatLine(0, 0x9de3bf50, "save  %sp, -176, %sp", 4));
        Assert.Equal(4, DisassemblyListing.AddressWidth(0, 0x58));
        Assert.Equal(8, DisassemblyListing.AddressWidth(0x100000, 0x1a3b40));
        Assert.Equal("  100000:\t01 00 00 00 \tnop ", DisassemblyListing.FormatLine(0x100000, 0x01000000, "nop ", 8));
    }

    /// <summary>The expectations above are objdump's own text: run every case through it.</summary>
    [Fact]
    public void AllCases_AgreeWithObjdump()
    {
        var words = new List<uint>();
        int cases = 0;
        foreach (TheoryData<string, string> data in new[] { Synthetic, Operands, SethiComments })
        {
            foreach (object[] row in data)
            {
                cases++;
                words.AddRange(GasAssembler.Assemble((string)row[0]));
                words.Add(0);   // separators no sethi comment looks past
                words.Add(0);
            }
        }

        ObjdumpListing listing = ObjdumpReference.DisassembleWords(words);
        List<DisassemblyMismatch> mismatches = ObjdumpReference.Compare(listing);
        Assert.True(mismatches.Count == 0, ObjdumpReference.Summarize(mismatches, examplesPerKind: 10));
        Assert.True(listing.Lines.Count >= cases, $"objdump listed {listing.Lines.Count} lines for {cases} cases");
    }

    private static string DisassembleLast(string source)
    {
        uint[] words = GasAssembler.Assemble(source);
        int last = words.Length - 1;
        return Disassembler.Disassemble(words[last], Base + (ulong)(4 * last), words.AsSpan(0, last));
    }
}

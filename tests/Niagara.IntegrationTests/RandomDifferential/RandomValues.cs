namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// Operand values biased toward the edges where integer semantics go wrong: word and doubleword
/// sign boundaries, all ones, small numbers, tag bits (TADDcc/TSUBcc) and carries across bit 31.
/// </summary>
public sealed class RandomValues(Random random)
{
    private static readonly ulong[] Specials =
    [
        0, 1, 2, 3, 4, 0x7fff_ffff, 0x8000_0000, 0x8000_0001, 0xffff_ffff, 0xffff_fffe, 0x1_0000_0000, 0x1_ffff_ffff,
        0x4000_0000, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, 0xffff_ffff_ffff_ffff, 0xffff_ffff_8000_0000,
        0xffff_ffff_7fff_ffff, 0x0000_0000_ffff_0000, 0x8000_0000_ffff_ffff, 0x3fff_ffff_c000_0000,
    ];

    private static readonly int[] SpecialImmediates = [0, 1, -1, 2, -2, 31, 32, 63, 64, 0x7ff, -0x800, 0xfff, -0x1000, 0x3ff, -0x400];

    public ulong Interesting() => random.Next(10) switch
    {
        0 or 1 or 2 => Next64(),
        3 => (ulong)(long)random.Next(-16, 17),
        4 => (ulong)(long)(int)Next32(),
        5 => Next32(),
        6 => Specials[random.Next(Specials.Length)],
        7 => random.Next(3) switch
        {
            0 => 1UL << random.Next(64),
            1 => (1UL << random.Next(64)) - 1,
            _ => ~(1UL << random.Next(64)),
        },
        // Untagged (bits 1:0 clear) small values, so TADDcc/TSUBcc also see the no-tag case.
        8 => (ulong)((long)random.Next(-0x10000, 0x10000) << 2),
        _ => (ulong)(long)random.Next(-100_000, 100_000),
    };

    /// <summary>A divisor register's value: nonzero in bits 31:0, which UDIV/SDIV divide by.</summary>
    public ulong Divisor()
    {
        ulong v = random.Next(6) switch
        {
            0 => (ulong)random.Next(1, 17),
            1 => (ulong)(long)-random.Next(1, 17),
            2 => random.Next(2) == 0 ? 0xffff_ffff : 0xffff_ffff_ffff_ffff,
            3 => Next32(),
            4 => Next64(),
            _ => Specials[random.Next(Specials.Length)],
        };
        return (v & 0xffff_ffff) == 0 ? v | (uint)random.Next(1, 8) : v;
    }

    /// <summary>
    /// %y before the sequence: often 0 or all ones in the low word (a 64-bit dividend that is the
    /// sign or zero extension of rs1, so UDIV/SDIV do not overflow), sometimes random, and
    /// sometimes with high bits set (V9 keeps only Y's low word).
    /// </summary>
    public ulong InitialY() => random.Next(10) switch
    {
        0 or 1 or 2 => 0,
        3 => 0xffff_ffff,
        4 or 5 => (ulong)random.Next(8),
        6 or 7 or 8 => Next32(),
        _ => Next64(),
    };

    /// <summary>A signed immediate of <paramref name="bits"/> bits (13, 11 or 10).</summary>
    public int Simm(int bits)
    {
        int min = -(1 << (bits - 1)), max = (1 << (bits - 1)) - 1;
        return random.Next(10) switch
        {
            < 4 => random.Next(-16, 17),
            4 => Math.Clamp(SpecialImmediates[random.Next(SpecialImmediates.Length)], min, max),
            _ => random.Next(min, max + 1),
        };
    }

    public int NonzeroSimm13()
    {
        int v = Simm(13);
        return v == 0 ? 1 + random.Next(16) : v;
    }

    private ulong Next32() => (uint)random.Next() ^ ((uint)random.Next(4) << 30);

    private ulong Next64() => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
}

using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Niagara.Strands.Disassembly;

/// <summary>
/// objdump -d style listings of code bytes: "   addr:\tbb bb bb bb \ttext" per instruction word,
/// with objdump's address column width and its "\t..." for skipped runs of zero words.
/// Symbol headers ("&lt;name&gt;:") are the caller's business.
/// </summary>
public static class DisassemblyListing
{
    // objdump's SKIP_ZEROES / SKIP_ZEROES_AT_END: runs of at least 8 zero bytes (or fewer than
    // 3 at the end of the range) become "\t...".
    private const int SkipZeroes = 8;
    private const int SkipZeroesAtEnd = 3;

    /// <summary>
    /// Width of the address column objdump uses for a section ending at <paramref name="sectionEnd"/>:
    /// leading zeros of the 16-digit address are dropped in chunks of 4, keeping at least one.
    /// </summary>
    public static int AddressWidth(ulong sectionStart, ulong sectionEnd)
    {
        string digits = sectionEnd.ToString("x16", CultureInfo.InvariantCulture);
        int skip = 0;
        while (skip < digits.Length && digits[skip] == '0')
        {
            skip++;
        }

        if (skip == digits.Length && sectionStart != 0)
        {
            skip = 0;
        }

        if (skip != 0)
        {
            skip = (skip - 1) & -4;
        }

        return digits.Length - skip;
    }

    /// <summary>One listing line: the address right-aligned in <paramref name="addressWidth"/> columns, the bytes, the text.</summary>
    public static string FormatLine(ulong address, uint word, string text, int addressWidth)
    {
        var line = new StringBuilder(64);
        AppendAddress(line, address, addressWidth);
        line.Append(":\t");
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            line.Append(((word >> shift) & 0xff).ToString("x2", CultureInfo.InvariantCulture)).Append(' ');
        }

        return line.Append('\t').Append(text).ToString();
    }

    /// <summary>
    /// The line for the instruction at <paramref name="offset"/> in <paramref name="code"/> (which
    /// starts at <paramref name="codeAddress"/>); earlier words of <paramref name="code"/> supply
    /// objdump's sethi comments, so pass the whole section even when listing part of it.
    /// </summary>
    public static string Line(ReadOnlySpan<byte> code, ulong codeAddress, int offset, int addressWidth, Func<ulong, string>? symbolize = null)
    {
        uint word = BinaryPrimitives.ReadUInt32BigEndian(code[offset..]);
        ulong address = codeAddress + (ulong)offset;
        Span<uint> preceding = stackalloc uint[2];
        int count = 0;
        for (int back = 2; back >= 1; back--)
        {
            int at = offset - (4 * back);
            if (at >= 0)
            {
                preceding[count++] = BinaryPrimitives.ReadUInt32BigEndian(code[at..]);
            }
        }

        string text = Disassembler.Disassemble(word, address, preceding[..count], symbolize);
        return FormatLine(address, word, text, addressWidth);
    }

    /// <summary>
    /// Lists <paramref name="code"/>[<paramref name="start"/>..<paramref name="end"/>) of a section that
    /// starts at <paramref name="codeAddress"/>, as objdump lists one symbol: zero runs become "\t..."
    /// unless <paramref name="skipZeroes"/> is false (objdump -z); a trailing partial word ends the
    /// listing with objdump's "Address 0x... is out of bounds.".
    /// </summary>
    public static List<string> Lines(
        ReadOnlySpan<byte> code, ulong codeAddress, int start, int end, int addressWidth, Func<ulong, string>? symbolize = null, bool skipZeroes = true)
    {
        var lines = new List<string>();
        bool previousHasDelaySlot = false;
        int offset = start;
        while (offset < end)
        {
            if (skipZeroes && !previousHasDelaySlot)
            {
                int zeroEnd = offset;
                while (zeroEnd < end && code[zeroEnd] == 0)
                {
                    zeroEnd++;
                }

                int run = zeroEnd - offset;
                if (run >= SkipZeroes || (zeroEnd == end && run < SkipZeroesAtEnd && run > 0))
                {
                    // Skip whole words only, unless the run reaches the end of the range.
                    offset = zeroEnd == end ? zeroEnd : offset + (run & ~3);
                    lines.Add("\t...");
                    previousHasDelaySlot = false;
                    continue;
                }
            }

            if (end - offset < 4)
            {
                // objdump cannot read a whole word here and says so (binutils dis-buf.c).
                var partial = new StringBuilder();
                AppendAddress(partial, codeAddress + (ulong)offset, addressWidth);
                partial.Append(":\tAddress 0x")
                    .Append((codeAddress + (ulong)offset).ToString("x", CultureInfo.InvariantCulture))
                    .Append(" is out of bounds.");
                lines.Add(partial.ToString());
                break;
            }

            uint word = BinaryPrimitives.ReadUInt32BigEndian(code[offset..]);
            lines.Add(Line(code, codeAddress, offset, addressWidth, symbolize));
            previousHasDelaySlot = Disassembler.IsDelayedControlTransfer(word);
            offset += 4;
        }

        return lines;
    }

    /// <summary>Lists all of <paramref name="code"/> (one section or range starting at <paramref name="address"/>).</summary>
    public static List<string> Lines(ReadOnlySpan<byte> code, ulong address, Func<ulong, string>? symbolize = null) =>
        Lines(code, address, 0, code.Length, AddressWidth(address, address + (ulong)code.Length), symbolize);

    private static void AppendAddress(StringBuilder line, ulong address, int width)
    {
        string digits = address.ToString("x16", CultureInfo.InvariantCulture)[(16 - width)..];
        int firstSignificant = 0;
        while (firstSignificant < digits.Length - 1 && digits[firstSignificant] == '0')
        {
            firstSignificant++;
        }

        line.Append(' ', firstSignificant).Append(digits, firstSignificant, digits.Length - firstSignificant);
    }
}

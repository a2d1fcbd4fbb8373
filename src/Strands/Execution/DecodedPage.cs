using Niagara.Memory;
using Niagara.Strands.Isa;

namespace Niagara.Strands.Execution;

/// <summary>
/// The predecoded instructions of one physical page, kept in <see cref="MemoryPage.DecodedCode"/>.
/// A store into the page clears that reference, and the strand decodes the page afresh.
/// </summary>
public sealed class DecodedPage
{
    public const int InstructionsPerPage = MemoryPage.Size / 4;

    private DecodedPage(MemoryPage page)
    {
        Page = page;
        ReadOnlySpan<byte> data = page.Data;
        for (int i = 0; i < InstructionsPerPage; i++)
        {
            uint word = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data.Slice(i * 4, 4));
            Instructions[i] = Decoder.Decode(word);
        }
    }

    public MemoryPage Page { get; }

    public Instruction[] Instructions { get; } = new Instruction[InstructionsPerPage];

    /// <summary>The page's decoded form, decoding it when it has none or a store made it stale.</summary>
    public static DecodedPage For(MemoryPage page)
    {
        if (page.DecodedCode is DecodedPage decoded)
        {
            return decoded;
        }

        decoded = new DecodedPage(page);
        page.DecodedCode = decoded;
        return decoded;
    }
}

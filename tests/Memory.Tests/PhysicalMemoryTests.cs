using Xunit;

namespace Niagara.Memory.Tests;

/// <summary>Guest RAM as the strands see it: zero-filled pages carved from 2 MB native blocks.</summary>
public class PhysicalMemoryTests
{
    private const ulong Block = 2 << 20; // one RamBlock's region

    [Fact]
    public void UntouchedMemoryReadsAsZero()
    {
        var memory = new PhysicalMemory();
        memory.Map(0, 4 * Block, PageAccess.All);
        Assert.Equal(0UL, memory.ReadU64(0));
        Assert.Equal(0UL, memory.ReadU64((3 * Block) + 8184));
        Assert.True(memory.TryGetPage(Block)!.Data.IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void EveryPageOfABlockHasItsOwnBytes()
    {
        var memory = new PhysicalMemory();
        memory.Map(0, 2 * Block, PageAccess.All);
        for (ulong page = 0; page < 2 * Block; page += MemoryPage.Size)
        {
            memory.WriteU64(page, page | 1);
            memory.WriteU64(page + MemoryPage.Size - 8, ~page);
        }

        for (ulong page = 0; page < 2 * Block; page += MemoryPage.Size)
        {
            Assert.Equal(page | 1, memory.ReadU64(page));
            Assert.Equal(~page, memory.ReadU64(page + MemoryPage.Size - 8));
        }
    }

    [Fact]
    public void AWriteAcrossABlockBoundaryLandsInBothBlocks()
    {
        var memory = new PhysicalMemory();
        memory.Map(0, 2 * Block, PageAccess.All);
        byte[] bytes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        memory.Write(Block - 8, bytes);
        var back = new byte[16];
        memory.Read(Block - 8, back);
        Assert.Equal(bytes, back);
        Assert.Equal(0x090A0B0C0D0E0F10UL, memory.ReadU64(Block));
    }

    [Fact]
    public void FarApartAddressesGetSeparateBlocks()
    {
        var memory = new PhysicalMemory();
        const ulong high = 1UL << 40;
        memory.Map(0, MemoryPage.Size, PageAccess.All);
        memory.Map(high, MemoryPage.Size, PageAccess.All);
        memory.WriteU64(0, 0x1111);
        memory.WriteU64(high, 0x2222);
        Assert.Equal(0x1111UL, memory.ReadU64(0));
        Assert.Equal(0x2222UL, memory.ReadU64(high));
    }

    [Fact]
    public void AnUnmappedPageComesBackZeroWhenMappedAgain()
    {
        var memory = new PhysicalMemory();
        memory.Map(0, Block, PageAccess.All);
        memory.WriteU64(MemoryPage.Size, 0xDEAD);
        memory.WriteU64(2 * MemoryPage.Size, 0xBEEF);
        memory.Unmap(MemoryPage.Size, MemoryPage.Size);
        Assert.Throws<MemoryFaultException>(() => memory.ReadU64(MemoryPage.Size));

        memory.Map(MemoryPage.Size, MemoryPage.Size, PageAccess.All);
        Assert.Equal(0UL, memory.ReadU64(MemoryPage.Size));
        Assert.Equal(0xBEEFUL, memory.ReadU64(2 * MemoryPage.Size)); // its neighbour in the block is untouched
    }
}

using System.Buffers.Binary;
using Niagara.Hypervisor.Configuration;
using Niagara.Loading;

namespace Niagara.IntegrationTests;

/// <summary>Writes small big-endian ELF64 files with chosen header fields, for loader and CLI error tests.</summary>
public static class GuestElfBuilder
{
    public const ushort EtExec = 2;
    public const ushort EtDyn = 3;
    public const ushort EmSparcV9 = 43;

    /// <summary>One PT_LOAD segment per (address, bytes, memory size), flags R+X, packed after the headers.</summary>
    public static byte[] Build(ulong entry, IReadOnlyList<(ulong Address, byte[] Bytes, ulong MemorySize)> segments, ushort type = EtExec, ushort machine = EmSparcV9)
    {
        const int header = 64, ph = 56;
        int dataStart = header + (ph * segments.Count);
        int total = dataStart + segments.Sum(s => s.Bytes.Length);
        var elf = new byte[total];
        var d = elf.AsSpan();
        d[0] = 0x7f; d[1] = (byte)'E'; d[2] = (byte)'L'; d[3] = (byte)'F';
        d[4] = 2; d[5] = 2; d[6] = 1;                                    // ELFCLASS64, big-endian, version 1
        BinaryPrimitives.WriteUInt16BigEndian(d[16..], type);
        BinaryPrimitives.WriteUInt16BigEndian(d[18..], machine);
        BinaryPrimitives.WriteUInt32BigEndian(d[20..], 1);
        BinaryPrimitives.WriteUInt64BigEndian(d[24..], entry);
        BinaryPrimitives.WriteUInt64BigEndian(d[32..], header);          // e_phoff
        BinaryPrimitives.WriteUInt16BigEndian(d[52..], header);          // e_ehsize
        BinaryPrimitives.WriteUInt16BigEndian(d[54..], ph);
        BinaryPrimitives.WriteUInt16BigEndian(d[56..], (ushort)segments.Count);
        int offset = dataStart;
        for (int i = 0; i < segments.Count; i++)
        {
            var p = d.Slice(header + (i * ph), ph);
            var (address, bytes, memorySize) = segments[i];
            BinaryPrimitives.WriteUInt32BigEndian(p, 1);                 // PT_LOAD
            BinaryPrimitives.WriteUInt32BigEndian(p[4..], 5);            // R+X
            BinaryPrimitives.WriteUInt64BigEndian(p[8..], (ulong)offset);
            BinaryPrimitives.WriteUInt64BigEndian(p[16..], address);
            BinaryPrimitives.WriteUInt64BigEndian(p[24..], address);
            BinaryPrimitives.WriteUInt64BigEndian(p[32..], (ulong)bytes.Length);
            BinaryPrimitives.WriteUInt64BigEndian(p[40..], memorySize);
            BinaryPrimitives.WriteUInt64BigEndian(p[48..], 0x2000);
            bytes.CopyTo(d[offset..]);
            offset += bytes.Length;
        }

        return elf;
    }

    /// <summary>A minimal well-formed guest: one 0x100-byte code segment at <paramref name="address"/>, entry at +0x20.</summary>
    public static byte[] Guest(ulong address, ulong memorySize = 0x100) =>
        Build(address + 0x20, [(address, new byte[0x100], memorySize)]);
}

/// <summary>GuestImageLoader: what makes an ELF file a sun4v-loadable guest image.</summary>
public sealed class MachineGuestImageTests
{
    private static readonly MachineConfiguration Config = new() { Cores = 8, StrandsPerCore = 4, MemorySize = 256UL << 20 };

    [Fact]
    public void Load_GuestAtMemoryBase_EntersAtThePowerOnResetVector()
    {
        var data = GuestElfBuilder.Build(0x20, [(0x0, new byte[0x100], 0x100), (0x4000, new byte[8], 0x10000)]);

        GuestImage image = GuestImageLoader.Load(data, Config);

        Assert.Equal(0x20UL, image.Entry);
        Assert.Equal(0x0UL, image.Rtba);
        Assert.Equal(2, image.Segments.Count);
        Assert.Equal(0x4000UL, image.Segments[1].Address);
        Assert.Equal(0x10000UL, image.Segments[1].MemorySize);
        Assert.Equal(8, image.Segments[1].Bytes.Length);
    }

    [Fact]
    public void Load_SharedObject_IsRefused()
    {
        var data = GuestElfBuilder.Build(0x20, [(0x0, new byte[0x100], 0x100)], type: GuestElfBuilder.EtDyn);

        var e = Assert.Throws<ElfFormatException>(() => GuestImageLoader.Load(data, Config));

        Assert.StartsWith("not a sun4v guest image: ELF type 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongMachine_IsRefused()
    {
        var data = GuestElfBuilder.Build(0x20, [(0x0, new byte[0x100], 0x100)], machine: 62);

        var e = Assert.Throws<ElfFormatException>(() => GuestImageLoader.Load(data, Config));

        Assert.Equal("wrong machine: x86-64 (EM_X86_64, 62); need SPARC V9 (EM_SPARCV9, 43)", e.Message);
    }

    [Fact]
    public void Load_SegmentPastTheEndOfMemory_SaysToGiveMoreMemory()
    {
        var data = GuestElfBuilder.Guest(0x0fff_0000, memorySize: 0x20000);

        var e = Assert.Throws<ElfFormatException>(() => GuestImageLoader.Load(data, Config));

        Assert.Equal("segment 0 (PT_LOAD) at 0xfff0000..0x10010000 lies outside guest memory 0x0..0x10000000 (give the guest more --memory)", e.Message);
    }

    [Fact]
    public void Load_SegmentBelowMemoryBase_IsRefused()
    {
        var config = Config with { MemoryBase = 0x10_0000 };

        var e = Assert.Throws<ElfFormatException>(() => GuestImageLoader.Load(GuestElfBuilder.Guest(0x0), config));

        Assert.Equal("segment 0 (PT_LOAD) at 0x0..0x100 lies outside guest memory 0x100000..0x10100000", e.Message);
    }

    [Fact]
    public void Load_ImageAboveMemoryBase_IsNotEnteredByTheHypervisor()
    {
        var e = Assert.Throws<ElfFormatException>(() => GuestImageLoader.Load(GuestElfBuilder.Guest(0x10_0000), Config));

        Assert.Equal("the image starts at 0x100000, not at the guest memory base 0x0 where the hypervisor enters it (base + 0x20): not a sun4v guest image", e.Message);
    }

    [Fact]
    public void Load_EntryElsewhere_IsNotASun4vGuest()
    {
        var data = GuestElfBuilder.Build(0x40, [(0x0, new byte[0x100], 0x100)]);

        var e = Assert.Throws<ElfFormatException>(() => GuestImageLoader.Load(data, Config));

        Assert.Equal("entry point 0x40 is not the power-on reset vector 0x20 (lowest segment 0x0 + 0x20): not a sun4v guest image", e.Message);
    }
}

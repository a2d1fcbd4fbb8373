namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>
/// Element tags of the sun4v machine description (Sun HV md_impl.h DT_*, Linux mdesc.c MD_*).
/// Each is an ASCII letter except LIST_END.
/// </summary>
public enum MdTag : byte
{
    /// <summary>Ends the node block; the last element.</summary>
    ListEnd = 0x00,

    /// <summary>' ': ignored by readers.</summary>
    Noop = 0x20,

    /// <summary>'E': ends a node's property list.</summary>
    NodeEnd = 0x45,

    /// <summary>'N': starts a node; its value is the element index of the next node (or of LIST_END).</summary>
    Node = 0x4E,

    /// <summary>'a': an arc ("fwd" or "back"); its value is the target node's element index.</summary>
    PropArc = 0x61,

    /// <summary>'d': bytes in the data block (also NUL-separated string lists).</summary>
    PropData = 0x64,

    /// <summary>'s': a NUL-terminated string in the data block; the length counts the NUL.</summary>
    PropStr = 0x73,

    /// <summary>'v': a 64-bit value held in the element itself.</summary>
    PropVal = 0x76,
}

/// <summary>Layout constants of the binary MD (reference section 6; Sun mdgen output_bin.c).</summary>
public static class MdFormat
{
    /// <summary>Header "transport_version" (md_impl.h MD_TRANSPORT_VERSION): major 1, minor 0.</summary>
    public const uint TransportVersion = 0x0001_0000;

    /// <summary>u32 version, node_sz, name_sz, data_sz, big-endian.</summary>
    public const int HeaderSize = 16;

    /// <summary>u8 tag, u8 name_len, u16 reserved, u32 name offset, u64 value (or u32 len + u32 offset).</summary>
    public const int ElementSize = 16;

    /// <summary>mdgen pads the name block to 16 bytes so the data block starts aligned.</summary>
    public const int NameBlockAlignment = 16;

    /// <summary>mdgen aligns every string and data item in the data block to 8 bytes.</summary>
    public const int DataItemAlignment = 8;

    /// <summary>
    /// The data block is padded to 16 too, so the whole MD is a multiple of 16 bytes: the T1 HV's
    /// mach_desc copies in 16-byte units and expects "should already be 16byte multiple".
    /// </summary>
    public const int DataBlockAlignment = 16;

    /// <summary>mach_desc buffers are 16-byte aligned, and the size it reports is rounded up to 16.</summary>
    public const int MachDescAlignment = 16;

    /// <summary>name_len is a u8 holding strlen(name).</summary>
    public const int MaxNameLength = 255;

    public const string ForwardArc = "fwd";
    public const string BackArc = "back";

    /// <summary>Rounds <paramref name="value"/> up to a multiple of the power of two <paramref name="alignment"/>.</summary>
    public static long Align(long value, int alignment) => (value + alignment - 1) & ~(long)(alignment - 1);
}

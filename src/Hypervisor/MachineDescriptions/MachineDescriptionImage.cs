namespace Niagara.Hypervisor.MachineDescriptions;

/// <summary>
/// A domain's machine description in binary form, as the mach_desc hypercall hands it out.
/// The service's contract (T1 HV hcall_mach_desc; ref section 6 "Retrieval"):
/// <list type="number">
/// <item>If the guest's length &lt; <see cref="RequiredBufferLength"/>: EINVAL, with %o1 =
/// <see cref="RequiredBufferLength"/> (so mach_desc(0, 0) is the size query).</item>
/// <item>Else if the buffer RA is not 16-byte aligned: EBADALIGN; if the range is not guest
/// memory: ENORADDR.</item>
/// <item>Else copy <see cref="Bytes"/> to the buffer and return EOK with %o1 =
/// <see cref="RequiredBufferLength"/>.</item>
/// </list>
/// </summary>
public sealed class MachineDescriptionImage
{
    private readonly byte[] bytes;

    public MachineDescriptionImage(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        this.bytes = bytes;
    }

    public ReadOnlySpan<byte> Bytes => bytes;

    public int Length => bytes.Length;

    /// <summary>The size mach_desc reports: the MD length rounded up to 16 bytes.</summary>
    public ulong RequiredBufferLength => (ulong)MdFormat.Align(bytes.Length, MdFormat.MachDescAlignment);

    /// <summary>Copies the MD into <paramref name="destination"/>, which must hold <see cref="Length"/> bytes.</summary>
    public void CopyTo(Span<byte> destination) => bytes.CopyTo(destination);

    /// <summary>The nodes, parsed back (for printing or inspection).</summary>
    public MachineDescription Parse() => MachineDescription.Parse(bytes);
}

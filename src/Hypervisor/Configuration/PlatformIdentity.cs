namespace Niagara.Hypervisor.Configuration;

/// <summary>
/// The identity the platform node reports (hostid, serial#, mac-address). The defaults are made
/// up: Sun's OUI 00:14:4f for the MAC, and a hostid in the 0x84xxxxxx range sun4v boxes used.
/// </summary>
public sealed record PlatformIdentity(ulong HostId = 0x8400_0001, ulong SerialNumber = 1, ulong MacAddress = 0x0014_4F00_0001)
{
    public static PlatformIdentity Default { get; } = new();

    internal void Validate(List<ConfigurationError> errors)
    {
        if (HostId > T1Limits.MaxHostId)
            errors.Add(new ConfigurationError("platform.hostid", $"0x{HostId:x} does not fit in 32 bits"));
        if (MacAddress > T1Limits.MaxMacAddress)
            errors.Add(new ConfigurationError("platform.mac-address", $"0x{MacAddress:x} does not fit in 48 bits"));
    }
}

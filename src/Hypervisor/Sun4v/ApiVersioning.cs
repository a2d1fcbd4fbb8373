namespace Niagara.Hypervisor.Sun4v;

/// <summary>
/// API group negotiation of one guest (sun4v reference section 1, "API versioning"; T1 HV
/// hcall.s hcall_api_set_version). Every group starts at 0.0, so every versioned call returns
/// EBADTRAP until the guest selects a version of its group. The offered versions are the T1
/// hypervisor's; a group being negotiable does not mean this hypervisor serves its calls (those
/// it does not serve still return EBADTRAP, see <see cref="Sun4vHypervisor"/>).
/// </summary>
public sealed class ApiVersioning
{
    // Per group: its majors and each major's highest minor (T1 HV hcall_groups.s, ontario).
    private static readonly (ApiGroup Group, (ulong Major, ulong MaxMinor)[] Majors)[] Offered =
    [
        (ApiGroup.SUN4V, [(1, 0)]),
        (ApiGroup.CORE, [(1, 1)]),
        (ApiGroup.INTR, [(1, 0), (2, 0)]),
        (ApiGroup.SOFTSTATE, [(1, 0)]),
        (ApiGroup.PCI, [(1, 1)]),
        (ApiGroup.LDC, [(1, 0)]),
        (ApiGroup.SVC, [(1, 0)]),
        (ApiGroup.NCS, [(1, 0), (2, 0)]),
        (ApiGroup.NIAGARA, [(1, 0)]),
        (ApiGroup.FIRE, [(1, 0)]),
        (ApiGroup.DIAG, [(1, 0)]),
    ];

    private readonly ulong[] _major = new ulong[Offered.Length];
    private readonly ulong[] _minor = new ulong[Offered.Length];

    /// <summary>
    /// api_set_version(group, major, minor) -> actual minor. Unknown group: EINVAL; known group,
    /// unsupported major: ENOTSUPPORTED; a minor above the highest is lowered (still EOK);
    /// major 0 disables the group. SUN4V accepts only major 1 and always reports minor 0.
    /// </summary>
    public HypervisorError SetVersion(ulong group, ulong major, ulong minor, out ulong actualMinor)
    {
        actualMinor = 0;
        int index = IndexOf(group);
        if (index < 0)
        {
            return HypervisorError.EINVAL;
        }

        if (Offered[index].Group == ApiGroup.SUN4V)
        {
            // T1 HV: the SUN4V major selects an errata level; minors are ignored.
            if (major != 1)
            {
                return HypervisorError.ENOTSUPPORTED;
            }

            Store(index, 1, 0);
            return HypervisorError.EOK;
        }

        if (major == 0)
        {
            Store(index, 0, 0);
            return HypervisorError.EOK;
        }

        foreach (var (offeredMajor, maxMinor) in Offered[index].Majors)
        {
            if (offeredMajor == major)
            {
                actualMinor = Math.Min(minor, maxMinor);
                Store(index, major, actualMinor);
                return HypervisorError.EOK;
            }
        }

        return HypervisorError.ENOTSUPPORTED;
    }

    /// <summary>api_get_version(group) -> major, minor: 0.0 until negotiated; unknown group EINVAL.</summary>
    public HypervisorError GetVersion(ulong group, out ulong major, out ulong minor)
    {
        major = minor = 0;
        int index = IndexOf(group);
        if (index < 0)
        {
            return HypervisorError.EINVAL;
        }

        major = _major[index];
        minor = _minor[index];
        return HypervisorError.EOK;
    }

    /// <summary>True when the guest selected <paramref name="major"/>.m of the group with m &gt;= <paramref name="minor"/>.</summary>
    public bool IsEnabled(ApiGroup group, ulong major, ulong minor)
    {
        int index = IndexOf((ulong)group);
        return index >= 0 && _major[index] == major && _minor[index] >= minor;
    }

    /// <summary>Back to 0.0 for every group (guest reset).</summary>
    public void Reset()
    {
        Array.Clear(_major);
        Array.Clear(_minor);
    }

    private void Store(int index, ulong major, ulong minor)
    {
        _major[index] = major;
        _minor[index] = minor;
    }

    private static int IndexOf(ulong group)
    {
        for (int i = 0; i < Offered.Length; i++)
        {
            if ((ulong)Offered[i].Group == group)
            {
                return i;
            }
        }

        return -1;
    }
}

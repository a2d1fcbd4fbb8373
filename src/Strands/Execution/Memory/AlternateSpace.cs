using System.Runtime.CompilerServices;
using Niagara.Strands.Isa;
using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Execution.Memory;

/// <summary>What an alternate-space access does, by ASI (the strand's functional view).</summary>
public enum AsiSpace : byte
{
    /// <summary>Not an ASI this strand serves: data_access_exception.</summary>
    Unsupported,

    /// <summary>Ordinary memory (ASI_P, ASI_S and their little-endian twins).</summary>
    Normal,

    /// <summary>
    /// ASI_REAL / ASI_REAL_IO and their little-endian twins (0x14, 0x15, 0x1C, 0x1D): real
    /// addresses, never translated. With the MMU off they reach the same memory as Normal.
    /// </summary>
    Real,

    /// <summary>ASI_SCRATCHPAD (0x20): the eight scratchpad registers, LDXA/STXA only.</summary>
    Scratchpad,

    /// <summary>ASI_QUEUE (0x25): the mondo and error queue HEAD/TAIL registers, LDXA/STXA only.</summary>
    Queue,

    /// <summary>ASI_PNF/ASI_SNF: a load from an address that would fault returns 0; stores trap.</summary>
    NoFault,

    /// <summary>ASI_TWINX_*: LDTWA loads 16 bytes into rd, rd+1; on the T1 stores are ordinary block-initializing stores.</summary>
    Twin,

    /// <summary>ASI_BLK_*: LDDFA/STDFA move 64 bytes to or from 8 double registers.</summary>
    Block,

    /// <summary>ASI_BLK_COMMIT_*: STDFA block store (no different from Block on a functional model).</summary>
    BlockCommit,

    /// <summary>ASI_PST8/16/32_*: STDFA partial store under the mask in r[rs2].</summary>
    PartialStore8,
    PartialStore16,
    PartialStore32,

    /// <summary>ASI_FL8_* / ASI_FL16_*: LDDFA/STDFA of 8 or 16 bits.</summary>
    Short8,
    Short16,
}

/// <summary>
/// The ASI table and the checks every alternate-space instruction shares: which ASI the
/// instruction names (imm_asi or %asi), whether the current privilege may use it, and the traps.
/// </summary>
public static class AlternateSpace
{
    private static readonly AsiSpace[] Spaces = BuildSpaces();

    /// <summary>The ASI of an alternate-space instruction: imm_asi when i = 0, the %asi register when i = 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Select<TSrc>(Strand s, ref Instruction i)
        where TSrc : struct, ISecondOperand =>
        typeof(TSrc) == typeof(RegisterOperand) ? i.Aux : s.Asi;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AsiSpace SpaceOf(int asi) => Spaces[asi & 0xFF];

    /// <summary>Every little-endian ASI has bit 3 set (UA2005 table 10-1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsLittleEndian(int asi) => (asi & 8) != 0;

    /// <summary>
    /// Raises privileged_action and returns false when the current mode may not use
    /// <paramref name="asi"/>: ASIs below 0x80 need PSTATE.PRIV, and 0x30..0x7F are
    /// hyperprivileged, which a guest never is (the hypervisor is C#) (UA2005 10.2).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Permitted(Strand s, int asi, ulong address)
    {
        if (asi >= 0x80 || (asi < 0x30 && (s.Pstate & Pstate.Priv) != 0))
        {
            return true;
        }

        Trap(s, TrapType.PrivilegedAction, address);
        return false;
    }

    /// <summary>An ASI the instruction cannot use (UA2005 10.3: data_access_exception).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Unsupported(Strand s, ulong address) => Trap(s, TrapType.DataAccessException, address);

    /// <summary>mem_address_not_aligned (or the LDDF/STDF variants) for <paramref name="address"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void NotAligned(Strand s, ulong address, TrapType trap = TrapType.MemAddressNotAligned) =>
        Trap(s, trap, address);

    /// <summary>Records the address (as the D-SFAR would) and raises the precise trap.</summary>
    public static void Trap(Strand s, TrapType trap, ulong address)
    {
        s.FaultAddress = address;
        s.RaiseTrap(trap);
    }

    private static AsiSpace[] BuildSpaces()
    {
        var spaces = new AsiSpace[256];

        // Privileged twin loads (T1 supplement: ASI_TWINX_AIUP/AIUS/REAL/N and the legacy
        // NUCLEUS_QUAD_LDD). There is no MMU yet, so every context translates to the same
        // addresses; the sun4v machine issue gives them their contexts.
        foreach (Asi asi in new[]
        {
            Asi.TwinxAsIfUserPrimary, Asi.TwinxAsIfUserSecondary, Asi.NucleusQuadLdd, Asi.TwinxReal,
            Asi.TwinxNucleus, Asi.TwinxAsIfUserPrimaryLittle, Asi.TwinxAsIfUserSecondaryLittle,
            Asi.NucleusQuadLddLittle, Asi.TwinxRealLittle, Asi.TwinxNucleusLittle,
        })
        {
            spaces[(int)asi] = AsiSpace.Twin;
        }

        // Real-address ASIs, the scratchpad and the queue registers (sun4v reference §8).
        foreach (Asi asi in new[] { Asi.Real, Asi.RealIo, Asi.RealLittle, Asi.RealIoLittle })
        {
            spaces[(int)asi] = AsiSpace.Real;
        }

        spaces[(int)Asi.Scratchpad] = AsiSpace.Scratchpad;
        spaces[(int)Asi.Queue] = AsiSpace.Queue;

        // Not yet served, so data_access_exception in privileged mode: ASI_NUCLEUS (0x04/0x0C),
        // as-if-user (0x10, 0x11, 0x18, 0x19) and MMU contexts (0x21). They arrive with the MMU.
        foreach (Asi asi in new[] { Asi.Primary, Asi.Secondary, Asi.PrimaryLittle, Asi.SecondaryLittle })
        {
            spaces[(int)asi] = AsiSpace.Normal;
        }

        foreach (Asi asi in new[] { Asi.PrimaryNoFault, Asi.SecondaryNoFault, Asi.PrimaryNoFaultLittle, Asi.SecondaryNoFaultLittle })
        {
            spaces[(int)asi] = AsiSpace.NoFault;
        }

        foreach (Asi asi in new[] { Asi.TwinxPrimary, Asi.TwinxSecondary, Asi.TwinxPrimaryLittle, Asi.TwinxSecondaryLittle })
        {
            spaces[(int)asi] = AsiSpace.Twin;
        }

        foreach (Asi asi in new[] { Asi.BlockPrimary, Asi.BlockSecondary, Asi.BlockPrimaryLittle, Asi.BlockSecondaryLittle })
        {
            spaces[(int)asi] = AsiSpace.Block;
        }

        spaces[(int)Asi.BlockCommitPrimary] = AsiSpace.BlockCommit;
        spaces[(int)Asi.BlockCommitSecondary] = AsiSpace.BlockCommit;

        for (int little = 0; little <= 8; little += 8)
        {
            spaces[(int)Asi.Pst8Primary + little] = AsiSpace.PartialStore8;
            spaces[(int)Asi.Pst8Secondary + little] = AsiSpace.PartialStore8;
            spaces[(int)Asi.Pst16Primary + little] = AsiSpace.PartialStore16;
            spaces[(int)Asi.Pst16Secondary + little] = AsiSpace.PartialStore16;
            spaces[(int)Asi.Pst32Primary + little] = AsiSpace.PartialStore32;
            spaces[(int)Asi.Pst32Secondary + little] = AsiSpace.PartialStore32;
            spaces[(int)Asi.Fl8Primary + little] = AsiSpace.Short8;
            spaces[(int)Asi.Fl8Secondary + little] = AsiSpace.Short8;
            spaces[(int)Asi.Fl16Primary + little] = AsiSpace.Short16;
            spaces[(int)Asi.Fl16Secondary + little] = AsiSpace.Short16;
        }

        return spaces;
    }
}

using Niagara.Memory;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Tests.Support;

/// <summary>
/// A strand over a small memory, for running a few instructions: code at <see cref="CodeBase"/>,
/// a read/write data area at <see cref="DataBase"/>. Traps are recorded; by default a trap
/// stops the run (the strand halts), so tests can assert which trap an instruction raised.
/// </summary>
public sealed class StrandHarness : ITrapHandler
{
    public const ulong CodeBase = 0x10000;
    public const ulong DataBase = 0x100000;
    public const ulong DataSize = 0x10000;

    public StrandHarness()
    {
        Memory = new PhysicalMemory();
        Memory.Map(CodeBase, 0x10000, PageAccess.All);
        Memory.Map(DataBase, DataSize, PageAccess.ReadWrite);
        Strand = new Strand(0, Memory, this);
    }

    public PhysicalMemory Memory { get; }

    public Strand Strand { get; }

    public List<TrapType> Traps { get; } = new();

    /// <summary>When set, decides what a trap does (return true = handled); else the run halts.</summary>
    public Func<Strand, TrapType, ulong, ulong, bool>? OnTrap { get; set; }

    /// <summary>Loads the assembled source at <see cref="CodeBase"/> and points PC at it.</summary>
    public StrandHarness Load(string source)
    {
        uint[] words = GasAssembler.Assemble(source);
        for (int i = 0; i < words.Length; i++)
        {
            Memory.Load(CodeBase + (ulong)(4 * i), BitConverter.IsLittleEndian
                ? BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words[i]))
                : BitConverter.GetBytes(words[i]));
        }

        Strand.Pc = CodeBase;
        Strand.Npc = CodeBase + 4;
        return this;
    }

    /// <summary>Runs at most <paramref name="instructions"/> instructions.</summary>
    public StrandHarness Run(ulong instructions = 1000)
    {
        Strand.Run(instructions);
        return this;
    }

    public ulong this[int register]
    {
        get => Strand.GetRegister(register);
        set => Strand.SetRegister(register, value);
    }

    public bool HandleTrap(Strand strand, TrapType trap, ulong trapPc, ulong trapNpc)
    {
        Traps.Add(trap);
        if (OnTrap is not null)
        {
            return OnTrap(strand, trap, trapPc, trapNpc);
        }

        strand.Pc = trapPc;
        strand.Halt(new HaltReason(HaltKind.ErrorState, (int)trap, $"trap 0x{(int)trap:x}"));
        return true;
    }
}

using Niagara.Hypervisor.Linux;
using Niagara.Memory;
using Niagara.Strands;

namespace Niagara.Hypervisor.Tests.Linux;

/// <summary>
/// A <see cref="LinuxProcess"/> around hand-placed instruction words (no ELF file): code at
/// <see cref="CodeBase"/>, a read/write data page at <see cref="DataBase"/>, and the stack the
/// process maps itself.
/// </summary>
public sealed class GuestHarness
{
    public const ulong CodeBase = 0x100000;
    public const ulong DataBase = 0x4000_0000;

    public GuestHarness(uint[] code, ulong stackSize = AddressSpaceLayout.DefaultStackSize, IReadOnlyList<string>? arguments = null, IReadOnlyList<string>? environment = null)
    {
        Memory = new PhysicalMemory();
        ulong codeBytes = AddressSpaceLayout.PageAlignUp((ulong)(code.Length * 4) + 4);
        Memory.Map(CodeBase, codeBytes, PageAccess.Read | PageAccess.Execute);
        Memory.Map(DataBase, AddressSpaceLayout.PageSize, PageAccess.ReadWrite);
        byte[] bytes = new byte[code.Length * 4];
        for (int i = 0; i < code.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), code[i]);
        }

        Memory.Load(CodeBase, bytes);
        Image = new ProcessImage(
            CodeBase,
            CodeBase + 0x40,
            56,
            3,
            0,
            [new MemoryRegion(CodeBase, CodeBase + codeBytes, PageAccess.Read | PageAccess.Execute), new MemoryRegion(DataBase, DataBase + AddressSpaceLayout.PageSize, PageAccess.ReadWrite)],
            DataBase + AddressSpaceLayout.PageSize);
        Options = new LinuxProcessOptions("guest", "/tmp/guest", arguments ?? ["guest"], environment ?? ["A=1"], StackSize: stackSize, RandomSeed: 7);
        Process = new LinuxProcess(Memory, Image, Options);
        Strand = new Strand(0, Memory, Process);
        Stack = Process.Start(Strand);
    }

    public PhysicalMemory Memory { get; }

    public ProcessImage Image { get; }

    public LinuxProcessOptions Options { get; }

    public LinuxProcess Process { get; }

    public Strand Strand { get; }

    public StackLayout Stack { get; }

    /// <summary>Runs until the strand halts or <paramref name="budget"/> instructions have run.</summary>
    public GuestHarness Run(ulong budget = 1_000_000)
    {
        Strand.Run(budget);
        return this;
    }

    /// <summary>Sets %g1 and %o0.. for a system call at the entry point and executes the `ta 0x6d` there.</summary>
    public GuestHarness Syscall(LinuxSyscall number, params ulong[] arguments) => Syscall((long)number, arguments);

    public GuestHarness Syscall(long number, params ulong[] arguments)
    {
        Strand.Pc = CodeBase;
        Strand.Npc = CodeBase + 4;
        Strand.SetRegister(1, (ulong)number);
        for (int i = 0; i < arguments.Length; i++)
        {
            Strand.SetRegister(8 + i, arguments[i]);
        }

        Strand.Run(1);
        return this;
    }

    public ulong O0 => Strand.GetRegister(8);

    /// <summary>icc.C and xcc.C, the syscall error flags.</summary>
    public (bool Icc, bool Xcc) Carry => ((Strand.Ccr & 0x01) != 0, (Strand.Ccr & 0x10) != 0);
}

/// <summary>The instruction words the tests use, encoded per UA2005 chapter 7 (checked against objdump).</summary>
public static class Words
{
    public const uint Syscall = 0x91d0206d;        // ta 0x6d
    public const uint Save = 0x9de3bf50;           // save %sp, -176, %sp
    public const uint Restore = 0x81e80000;        // restore %g0, %g0, %g0
    public const uint AddG2L0 = 0x84008010;        // add %g2, %l0, %g2
    public const uint LoadNullPlus8 = 0xd0582008;  // ldx [%g0 + 8], %o0
    public const uint Flushw = 0x81580000;         // flushw
    public const uint Nop = 0x01000000;
    public const uint Illtrap = 0x00000000;        // illtrap 0

    /// <summary>add %g0, <paramref name="value"/>, %l0 (mov value, %l0) for 0 &lt;= value &lt; 2048 (simm13).</summary>
    public static uint MovL0(int value) => 0xa0002000u | (uint)value;

    /// <summary>ta <paramref name="number"/>.</summary>
    public static uint Ta(int number) => 0x91d02000u | (uint)number;
}

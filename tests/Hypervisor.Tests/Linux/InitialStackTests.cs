using Niagara.Hypervisor.Linux;
using Niagara.Memory;

namespace Niagara.Hypervisor.Tests.Linux;

public sealed class InitialStackTests
{
    private static readonly string[] Arguments = ["/bin/prog", "alpha", "--flag=x", ""];
    private static readonly string[] Environment = ["PATH=/bin", "LANG=C", "EMPTY="];

    private static GuestHarness Guest() => new([Words.Nop], arguments: Arguments, environment: Environment);

    [Fact]
    public void Start_StackPointer_IsBiasedOneRegisterWindowBelowArgc()
    {
        var g = Guest();
        ulong sp = g.Strand.GetRegister(14);
        Assert.Equal(1UL, sp & 1);
        Assert.Equal(g.Stack.ArgcAddress, sp + 2047 + 128);
        Assert.Equal(0UL, g.Stack.ArgcAddress % 16);
    }

    [Fact]
    public void Start_ArgcArgvEnvp_ReadBackAsPassed()
    {
        var g = Guest();
        ulong at = g.Stack.ArgcAddress;
        Assert.Equal((ulong)Arguments.Length, g.Memory.ReadU64(at));
        for (int i = 0; i < Arguments.Length; i++)
        {
            Assert.Equal(Arguments[i], ReadString(g.Memory, g.Memory.ReadU64(at + 8 + (ulong)(8 * i))));
        }

        ulong envp = at + 8 + (ulong)(8 * (Arguments.Length + 1));
        Assert.Equal(0UL, g.Memory.ReadU64(envp - 8));
        for (int i = 0; i < Environment.Length; i++)
        {
            Assert.Equal(Environment[i], ReadString(g.Memory, g.Memory.ReadU64(envp + (ulong)(8 * i))));
        }

        Assert.Equal(0UL, g.Memory.ReadU64(envp + (ulong)(8 * Environment.Length)));
    }

    [Fact]
    public void Start_AuxiliaryVector_HoldsTheKernelsEntriesInOrder()
    {
        var g = Guest();
        Dictionary<AuxType, ulong> aux = ReadAux(g, out List<AuxType> order);
        Assert.Equal(
            [AuxType.AT_HWCAP, AuxType.AT_PAGESZ, AuxType.AT_CLKTCK, AuxType.AT_PHDR, AuxType.AT_PHENT, AuxType.AT_PHNUM,
             AuxType.AT_BASE, AuxType.AT_FLAGS, AuxType.AT_ENTRY, AuxType.AT_UID, AuxType.AT_EUID, AuxType.AT_GID,
             AuxType.AT_EGID, AuxType.AT_SECURE, AuxType.AT_RANDOM, AuxType.AT_EXECFN],
            order);
        Assert.Equal(SparcHwcap.Qemu, aux[AuxType.AT_HWCAP]);
        Assert.Equal(8192UL, aux[AuxType.AT_PAGESZ]);
        Assert.Equal(100UL, aux[AuxType.AT_CLKTCK]);
        Assert.Equal(GuestHarness.CodeBase + 0x40, aux[AuxType.AT_PHDR]);
        Assert.Equal(56UL, aux[AuxType.AT_PHENT]);
        Assert.Equal(3UL, aux[AuxType.AT_PHNUM]);
        Assert.Equal(GuestHarness.CodeBase, aux[AuxType.AT_ENTRY]);
        Assert.Equal(0UL, aux[AuxType.AT_SECURE]);
        Assert.Equal("guest", ReadString(g.Memory, aux[AuxType.AT_EXECFN]));
        Assert.Equal(g.Stack.RandomAddress, aux[AuxType.AT_RANDOM]);
    }

    [Fact]
    public void Start_Strings_LieAboveTheVectorsAndBelowTheStackTop()
    {
        var g = Guest();
        Dictionary<AuxType, ulong> aux = ReadAux(g, out _);
        ulong execFn = aux[AuxType.AT_EXECFN];
        Assert.True(execFn > g.Memory.ReadU64(g.Stack.ArgcAddress + 8));
        Assert.Equal(AddressSpaceLayout.StackTop - 8 - (ulong)"guest".Length - 1, execFn);
        Assert.Equal(0UL, g.Memory.ReadU64(AddressSpaceLayout.StackTop - 8));
    }

    [Fact]
    public void Start_RandomBytes_AreDeterministicPerSeed()
    {
        byte[] first = RandomBytes(Guest()), second = RandomBytes(Guest());
        Assert.Equal(first, second);
        Assert.Contains(first, b => b != 0);
    }

    [Fact]
    public void Start_Registers_AreTheKernelsStartThreadState()
    {
        var g = Guest();
        Assert.Equal(GuestHarness.CodeBase, g.Strand.Pc);
        Assert.Equal(GuestHarness.CodeBase + 4, g.Strand.Npc);
        Assert.Equal(0UL, g.Strand.GetRegister(1));
        Assert.Equal(0x82, g.Strand.Asi);
        Assert.True(g.Strand.FpEnabled);
        Assert.Equal(Strands.State.Pstate.Pef, g.Strand.Pstate);
    }

    private static byte[] RandomBytes(GuestHarness g)
    {
        byte[] bytes = new byte[16];
        g.Memory.Read(g.Stack.RandomAddress, bytes);
        return bytes;
    }

    private static Dictionary<AuxType, ulong> ReadAux(GuestHarness g, out List<AuxType> order)
    {
        ulong at = g.Stack.ArgcAddress;
        ulong argc = g.Memory.ReadU64(at);
        at += 8 * (argc + 2);
        while (g.Memory.ReadU64(at) != 0)
        {
            at += 8;
        }

        at += 8;
        var aux = new Dictionary<AuxType, ulong>();
        order = [];
        for (; ; at += 16)
        {
            var type = (AuxType)g.Memory.ReadU64(at);
            if (type == AuxType.AT_NULL)
            {
                return aux;
            }

            order.Add(type);
            aux[type] = g.Memory.ReadU64(at + 8);
        }
    }

    private static string ReadString(PhysicalMemory memory, ulong address) =>
        System.Text.Encoding.UTF8.GetString(memory.ReadCString(address));
}

using System.Text;
using Niagara.Memory;

namespace Niagara.Hypervisor.Linux;

/// <summary>Identity values the auxiliary vector reports.</summary>
public readonly record struct ProcessCredentials(uint Uid, uint Euid, uint Gid, uint Egid);

/// <summary>Where <see cref="InitialStack.Build"/> put things.</summary>
/// <param name="StackPointer">The biased %sp (%o6) that _start begins with.</param>
/// <param name="ArgcAddress">Where argc lies: %sp + 2047 + 128.</param>
/// <param name="ExecFnAddress">The program path string (AT_EXECFN).</param>
/// <param name="RandomAddress">The 16 AT_RANDOM bytes.</param>
public readonly record struct StackLayout(ulong StackPointer, ulong ArgcAddress, ulong ExecFnAddress, ulong RandomAddress);

/// <summary>
/// Builds the initial process stack as Linux does for a 64-bit sparc task (fs/exec.c and
/// fs/binfmt_elf.c create_elf_tables, arch/sparc start_thread):
/// from the top down, an 8-byte NUL, the program path (AT_EXECFN), the environment strings, the
/// argument strings (argv[0] lowest), 16 AT_RANDOM bytes (no AT_PLATFORM: sparc64's ELF_PLATFORM
/// is NULL), then, 16-byte aligned, argc, argv[], NULL, envp[], NULL and the auxiliary vector.
/// %sp points one register-save area (128 bytes) below argc, minus the 2047 stack bias.
/// </summary>
public static class InitialStack
{
    /// <summary>AT_CLKTCK: USER_HZ.</summary>
    public const ulong ClockTicks = 100;

    public static StackLayout Build(
        PhysicalMemory memory,
        ulong stackTop,
        ProcessImage image,
        string executablePath,
        IReadOnlyList<string> arguments,
        IReadOnlyList<string> environment,
        ReadOnlySpan<byte> random16,
        ulong hwcap,
        ProcessCredentials credentials)
    {
        if (random16.Length != 16)
        {
            throw new ArgumentException("AT_RANDOM needs 16 bytes", nameof(random16));
        }

        ulong p = stackTop - 8;
        ulong execFn = PushString(memory, ref p, executablePath);
        var envAddresses = new ulong[environment.Count];
        for (int i = environment.Count - 1; i >= 0; i--)
        {
            envAddresses[i] = PushString(memory, ref p, environment[i]);
        }

        var argAddresses = new ulong[arguments.Count];
        for (int i = arguments.Count - 1; i >= 0; i--)
        {
            argAddresses[i] = PushString(memory, ref p, arguments[i]);
        }

        p -= 16;
        ulong random = p;
        memory.Write(random, random16);

        var aux = new List<(AuxType Type, ulong Value)>
        {
            (AuxType.AT_HWCAP, hwcap),
            (AuxType.AT_PAGESZ, AddressSpaceLayout.PageSize),
            (AuxType.AT_CLKTCK, ClockTicks),
            (AuxType.AT_PHDR, image.ProgramHeaderAddress),
            (AuxType.AT_PHENT, (ulong)image.ProgramHeaderEntrySize),
            (AuxType.AT_PHNUM, (ulong)image.ProgramHeaderCount),
            (AuxType.AT_BASE, 0),
            (AuxType.AT_FLAGS, 0),
            (AuxType.AT_ENTRY, image.Entry),
            (AuxType.AT_UID, credentials.Uid),
            (AuxType.AT_EUID, credentials.Euid),
            (AuxType.AT_GID, credentials.Gid),
            (AuxType.AT_EGID, credentials.Egid),
            (AuxType.AT_SECURE, 0),
            (AuxType.AT_RANDOM, random),
            (AuxType.AT_EXECFN, execFn),
            (AuxType.AT_NULL, 0),
        };

        ulong words = (ulong)(aux.Count * 2) + (ulong)(arguments.Count + 1) + (ulong)(environment.Count + 1) + 1;
        ulong sp = (p - (words * 8)) & ~15UL;

        ulong cursor = sp;
        Put(memory, ref cursor, (ulong)arguments.Count);
        foreach (ulong a in argAddresses)
        {
            Put(memory, ref cursor, a);
        }

        Put(memory, ref cursor, 0);
        foreach (ulong e in envAddresses)
        {
            Put(memory, ref cursor, e);
        }

        Put(memory, ref cursor, 0);
        foreach ((AuxType type, ulong value) in aux)
        {
            Put(memory, ref cursor, (ulong)type);
            Put(memory, ref cursor, value);
        }

        ulong stackPointer = sp - AddressSpaceLayout.RegisterWindowSize - AddressSpaceLayout.StackBias;
        return new StackLayout(stackPointer, sp, execFn, random);
    }

    private static ulong PushString(PhysicalMemory memory, ref ulong p, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        p -= (ulong)bytes.Length + 1;
        memory.Write(p, bytes);
        memory.WriteU8(p + (ulong)bytes.Length, 0);
        return p;
    }

    private static void Put(PhysicalMemory memory, ref ulong cursor, ulong value)
    {
        memory.WriteU64(cursor, value);
        cursor += 8;
    }
}

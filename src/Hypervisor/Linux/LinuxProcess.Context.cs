using Niagara.Memory;
using Niagara.Strands;
using Niagara.Strands.Traps;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// The 64-bit sparc Linux getcontext/setcontext traps, `ta 0x6e` and `ta 0x6f`
/// (arch/sparc/kernel/signal_64.c sparc64_get_context/sparc64_set_context), which glibc's
/// setjmp and longjmp use. %o0 points at a ucontext (asm/uctx.h, 512 bytes): uc_link, uc_flags,
/// a one-word sigmask at 16, then the 16-byte aligned mcontext at 32: 19 gregs (tstate, pc, npc,
/// y, %g1-%g7, %o0-%o7), %fp at 184, %i7 at 192, and the FPU block at 208 (registers, then fsr,
/// fprs, gsr at 464-480 and the enab byte at 498).
/// </summary>
public sealed partial class LinuxProcess
{
    private const int UcontextSize = 512;
    private const ulong McGregs = 32;
    private const ulong McFp = McGregs + (19 * 8);
    private const ulong McI7 = McFp + 8;
    private const ulong McFpu = 208;
    private const ulong McFpuEnab = McFpu + 290;

    private static TrapType GetContextTrap => TrapTypes.SoftwareTrap(0x6e);

    private static TrapType SetContextTrap => TrapTypes.SoftwareTrap(0x6f);

    /// <summary>TSTATE as the kernel saves it: CCR at 32, ASI at 24, PSTATE at 8, CWP at 0.</summary>
    private static ulong Tstate(Strand s) =>
        ((ulong)s.Ccr << 32) | ((ulong)s.Asi << 24) | ((ulong)(ushort)s.Pstate << 8) | (uint)s.Cwp;

    private void GetContext(Strand s, ulong trapPc, ulong trapNpc)
    {
        if (!FlushWindows(s, trapPc))
        {
            return;
        }

        ulong uc = s.GetRegister(8);
        ulong pc = trapNpc, npc = trapNpc + 4;
        try
        {
            WriteGuest(uc, new byte[UcontextSize]);
            WriteU64(uc + 16, _blocked);
            ulong[] gregs =
            [
                Tstate(s), pc, npc, s.Y,
                s.GetRegister(1), s.GetRegister(2), s.GetRegister(3), s.GetRegister(4), s.GetRegister(5), s.GetRegister(6), s.GetRegister(7),
                s.GetRegister(8), s.GetRegister(9), s.GetRegister(10), s.GetRegister(11), s.GetRegister(12), s.GetRegister(13), s.GetRegister(14), s.GetRegister(15),
            ];
            for (int i = 0; i < gregs.Length; i++)
            {
                WriteU64(uc + McGregs + (ulong)(8 * i), gregs[i]);
            }

            WriteU64(uc + McFp, s.GetRegister(30));
            WriteU64(uc + McI7, s.GetRegister(31));
        }
        catch (MemoryFaultException fault)
        {
            Kill(s, GuestSignal.SIGSEGV, trapPc, fault.Address, null);
            return;
        }

        s.Pc = pc;
        s.Npc = npc;
    }

    private void SetContext(Strand s, ulong trapPc)
    {
        if (!FlushWindows(s, trapPc))
        {
            return;
        }

        ulong uc = s.GetRegister(8);
        try
        {
            ulong pc = ReadU64(uc + McGregs + 8), npc = ReadU64(uc + McGregs + 16);
            if (((pc | npc) & 3) != 0)
            {
                Kill(s, GuestSignal.SIGSEGV, trapPc, uc, null);
                return;
            }

            if (s.GetRegister(9) != 0)
            {
                _blocked = ReadU64(uc + 16);
            }

            ulong tstate = ReadU64(uc + McGregs);
            ulong[] g = new ulong[19];
            for (int i = 0; i < g.Length; i++)
            {
                g[i] = ReadU64(uc + McGregs + (ulong)(8 * i));
            }

            ulong fp = ReadU64(uc + McFp), i7 = ReadU64(uc + McI7);
            bool fpuEnabled = Memory.ReadU8(uc + McFpuEnab) != 0;

            // Only TSTATE's ASI and condition codes are honoured; %g7 (the thread pointer) is kept.
            s.Asi = (byte)(tstate >> 24);
            s.Ccr = (byte)(tstate >> 32);
            s.Y = g[3];
            for (int r = 1; r <= 6; r++)
            {
                s.SetRegister(r, g[3 + r]);
            }

            for (int r = 8; r <= 15; r++)
            {
                s.SetRegister(r, g[3 + r]);
            }

            s.SetRegister(30, fp);
            s.SetRegister(31, i7);
            if (fpuEnabled)
            {
                RestoreFpu(s, uc + McFpu);
            }

            s.Pc = pc;
            s.Npc = npc;
        }
        catch (MemoryFaultException fault)
        {
            Kill(s, GuestSignal.SIGSEGV, trapPc, fault.Address, null);
        }
    }

    private void RestoreFpu(Strand s, ulong fpu)
    {
        ulong fprs = ReadU64(fpu + 264);
        for (int i = 0; i < 32; i++)
        {
            if ((fprs & (i < 16 ? Strand.FprsDl : Strand.FprsDu)) != 0)
            {
                s.F[i] = ReadU64(fpu + (ulong)(8 * i));
            }
        }

        s.Fsr = ReadU64(fpu + 256);
        s.Gsr = ReadU64(fpu + 272);
    }
}

using System.Buffers.Binary;
using Niagara.Memory;
using Niagara.Strands;
using Niagara.Strands.Traps;

namespace Niagara.Hypervisor.Linux;

/// <summary>
/// The kernel's user-mode register window handlers (arch/sparc/kernel/ttable_64.S, wbuf/spill
/// and fill macros): a spill stores a window's locals and ins at its %sp, a fill loads them back,
/// clean_window zeroes a window before the program sees it. Each then retries the trapping SAVE,
/// RESTORE, RETURN or FLUSHW (UA2005 12.5, the window traps).
/// </summary>
public sealed partial class LinuxProcess
{
    private void WindowTrap(Strand strand, TrapType trap, ulong trapPc, ulong trapNpc)
    {
        bool done = TrapTypes.IsSpill(trap) ? Spill(strand, trapPc)
            : TrapTypes.IsFill(trap) ? Fill(strand, trapPc)
            : CleanWindow(strand);
        if (done)
        {
            strand.Pc = trapPc;
            strand.Npc = trapNpc;
        }
    }

    /// <summary>
    /// Spills window CWP + CANSAVE + 2 (the oldest one holding the caller's frames) to the stack
    /// its %sp names, then does what SAVED does. A 64-bit frame has an odd (biased) %sp and
    /// 8-byte slots; an even %sp is a 32-bit frame with 4-byte slots.
    /// </summary>
    private bool Spill(Strand strand, ulong trapPc)
    {
        int window = (strand.Cwp + strand.CanSave + 2) & (Strand.NWindows - 1);
        ulong sp = strand.GetWindowRegister(window, 14);
        try
        {
            StoreWindow(strand, window, sp);
        }
        catch (MemoryFaultException fault)
        {
            Kill(strand, GuestSignal.SIGSEGV, trapPc, fault.Address, null);
            return false;
        }

        // SAVED (UA2005 7.x): CANSAVE++, and CANRESTORE-- or OTHERWIN--.
        strand.CanSave++;
        if (strand.OtherWin == 0)
        {
            strand.CanRestore--;
        }
        else
        {
            strand.OtherWin--;
        }

        return true;
    }

    /// <summary>Fills window CWP - 1 from its %sp (the current window's %fp), then does what RESTORED does.</summary>
    private bool Fill(Strand strand, ulong trapPc)
    {
        int window = (strand.Cwp - 1) & (Strand.NWindows - 1);
        ulong sp = strand.GetWindowRegister(window, 14);
        try
        {
            LoadWindow(strand, window, sp);
        }
        catch (MemoryFaultException fault)
        {
            Kill(strand, GuestSignal.SIGSEGV, trapPc, fault.Address, null);
            return false;
        }

        // RESTORED: CANRESTORE++, CLEANWIN++ up to NWINDOWS-1, and CANSAVE-- or OTHERWIN--.
        strand.CanRestore++;
        if (strand.CleanWin < Strand.NWindows - 1)
        {
            strand.CleanWin++;
        }

        if (strand.OtherWin == 0)
        {
            strand.CanSave--;
        }
        else
        {
            strand.OtherWin--;
        }

        return true;
    }

    /// <summary>clean_window: zeroes the locals and outs of the window SAVE moves into, CLEANWIN++.</summary>
    private static bool CleanWindow(Strand strand)
    {
        int window = (strand.Cwp + 1) & (Strand.NWindows - 1);
        for (int r = 8; r < 24; r++)
        {
            strand.SetWindowRegister(window, r, 0);
        }

        strand.CleanWin++;
        return true;
    }

    /// <summary>Spills every window that RESTORE could still return to (ta 3, ST_FLUSH_WINDOWS).</summary>
    private bool FlushWindows(Strand strand, ulong trapPc)
    {
        while (strand.CanRestore > 0 || strand.OtherWin > 0)
        {
            if (!Spill(strand, trapPc))
            {
                return false;
            }
        }

        return true;
    }

    // Frames go through the strand's page cache like the kernel's own stores would; a frame
    // address that is not aligned takes the slow path (and its fault, if any, is the spill's).
    private static void StoreWindow(Strand strand, int window, ulong sp)
    {
        Span<ulong> registers = stackalloc ulong[16];
        strand.ReadWindow(window, registers);
        bool wide = (sp & 1) != 0;
        ulong frame = wide ? sp + AddressSpaceLayout.StackBias : sp & 0xffff_ffffUL;
        PageCache memory = strand.Memory;
        if (wide && (frame & 7) == 0)
        {
            for (int i = 0; i < 16; i++)
            {
                memory.WriteU64(frame + (ulong)(8 * i), registers[i]);
            }
        }
        else if (!wide && (frame & 3) == 0)
        {
            for (int i = 0; i < 16; i++)
            {
                memory.WriteU32(frame + (ulong)(4 * i), (uint)registers[i]);
            }
        }
        else
        {
            Span<byte> bytes = stackalloc byte[wide ? 128 : 64];
            for (int i = 0; i < 16; i++)
            {
                if (wide)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(bytes[(8 * i)..], registers[i]);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32BigEndian(bytes[(4 * i)..], (uint)registers[i]);
                }
            }

            memory.Memory.Write(frame, bytes);
        }
    }

    private static void LoadWindow(Strand strand, int window, ulong sp)
    {
        Span<ulong> registers = stackalloc ulong[16];
        bool wide = (sp & 1) != 0;
        ulong frame = wide ? sp + AddressSpaceLayout.StackBias : sp & 0xffff_ffffUL;
        PageCache memory = strand.Memory;
        if (wide && (frame & 7) == 0)
        {
            for (int i = 0; i < 16; i++)
            {
                registers[i] = memory.ReadU64(frame + (ulong)(8 * i));
            }
        }
        else if (!wide && (frame & 3) == 0)
        {
            for (int i = 0; i < 16; i++)
            {
                registers[i] = memory.ReadU32(frame + (ulong)(4 * i));
            }
        }
        else
        {
            Span<byte> bytes = stackalloc byte[wide ? 128 : 64];
            memory.Memory.Read(frame, bytes);
            for (int i = 0; i < 16; i++)
            {
                registers[i] = wide ? BinaryPrimitives.ReadUInt64BigEndian(bytes[(8 * i)..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[(4 * i)..]);
            }
        }

        strand.WriteWindow(window, registers);
    }
}

using System.Runtime.CompilerServices;
using Niagara.Memory;
using Niagara.Strands.Isa;
using Niagara.Strands.State;
using Niagara.Strands.Traps;

namespace Niagara.Strands;

/// <summary>
/// One hardware strand: the architectural state of UltraSPARC Architecture 2005 as plain data
/// named after the manual (STYLE.md 4), and the execution loop (Strand.Run.cs).
/// Register windows: the current window and GL set live in <see cref="R"/>; the others in
/// backing arrays. SAVE/RESTORE and GL changes move registers between the two, so the hot path
/// reads every register with one indexed load.
/// </summary>
public sealed partial class Strand
{
    public const int NWindows = 8;
    public const int MaxGl = 3;

    /// <summary>Index of the register that absorbs writes to %g0.</summary>
    public const byte SinkRegister = 32;

    /// <summary>Current view: %g0-%g7, %o0-%o7, %l0-%l7, %i0-%i7 and the sink.</summary>
    public RegisterFile R;

    // locals(w) at [w*16 .. w*16+7], ins(w) at [w*16+8 .. w*16+15]; outs(w) are ins(w+1).
    private readonly ulong[] _windowRegisters = new ulong[NWindows * 16];
    private readonly ulong[] _globalSets = new ulong[(MaxGl + 1) * 8];

    public Strand(int id, PhysicalMemory memory, ITrapHandler trapHandler)
    {
        Id = id;
        Memory = new PageCache(memory);
        TrapHandler = trapHandler;
        CanSave = NWindows - 2;
        CleanWin = NWindows - 1;
    }

    public int Id { get; }

    /// <summary>This strand's view of physical memory (its page cache).</summary>
    public PageCache Memory { get; }

    public ITrapHandler TrapHandler { get; }

    // Program counters. While an instruction executes, Pc/Npc already hold its successors;
    // InsnPc is the executing instruction's own address.
    public ulong Pc;
    public ulong Npc;
    public ulong InsnPc;

    // Ancillary state registers.
    public ulong Y;
    public byte Ccr;
    public byte Asi;

    // Register-window state (UA2005 5.6).
    public int Cwp;
    public int CanSave;
    public int CanRestore;
    public int CleanWin;
    public int OtherWin;
    public int Wstate;
    public int Gl;

    // Privileged state the process mode needs (the full trap stack arrives with machine mode).
    public Pstate Pstate = Pstate.Pef;

    /// <summary>Address of the last data access that faulted (reported like DSFAR).</summary>
    public ulong FaultAddress;

    /// <summary>Instructions executed since reset (also %tick in the functional timing mode).</summary>
    public ulong Retired;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref ulong Reg(int index) => ref Unsafe.Add(ref R[0], index);

    /// <summary>Reads integer register %r<paramref name="index"/> (0..31) of the current window.</summary>
    public ulong GetRegister(int index) => index == 0 ? 0 : Reg(index);

    /// <summary>Writes %r<paramref name="index"/> of the current window; writes to %g0 are dropped.</summary>
    public void SetRegister(int index, ulong value)
    {
        if (index != 0)
        {
            Reg(index) = value;
        }
    }

    /// <summary>Reads %r8..%r31 of window <paramref name="window"/> (for spill/fill emulation).</summary>
    public ulong GetWindowRegister(int window, int index)
    {
        StoreCurrentWindow();
        return _windowRegisters[BackingIndex(window, index)];
    }

    /// <summary>Writes %r8..%r31 of window <paramref name="window"/>.</summary>
    public void SetWindowRegister(int window, int index, ulong value)
    {
        StoreCurrentWindow();
        _windowRegisters[BackingIndex(window, index)] = value;
        LoadCurrentWindow();
    }

    /// <summary>Copies window <paramref name="window"/>'s locals then ins (16 registers) out: a spill handler's view.</summary>
    public void ReadWindow(int window, Span<ulong> localsAndIns)
    {
        StoreCurrentWindow();
        _windowRegisters.AsSpan((window & (NWindows - 1)) * 16, 16).CopyTo(localsAndIns);
    }

    /// <summary>Replaces window <paramref name="window"/>'s locals then ins (16 registers): a fill handler's view.</summary>
    public void WriteWindow(int window, ReadOnlySpan<ulong> localsAndIns)
    {
        StoreCurrentWindow();
        localsAndIns[..16].CopyTo(_windowRegisters.AsSpan((window & (NWindows - 1)) * 16, 16));
        LoadCurrentWindow();
    }

    /// <summary>Moves to window <paramref name="cwp"/> (SAVE, RESTORE, traps, WRPR %cwp).</summary>
    public void SetCwp(int cwp)
    {
        StoreCurrentWindow();
        Cwp = cwp & (NWindows - 1);
        LoadCurrentWindow();
    }

    /// <summary>Selects global set <paramref name="gl"/> (WRPR %gl, traps, DONE/RETRY).</summary>
    public void SetGl(int gl)
    {
        gl = Math.Min(gl, MaxGl);
        var view = (Span<ulong>)R;
        view.Slice(1, 7).CopyTo(_globalSets.AsSpan((Gl * 8) + 1, 7));
        Gl = gl;
        _globalSets.AsSpan((Gl * 8) + 1, 7).CopyTo(view.Slice(1, 7));
    }

    private void StoreCurrentWindow()
    {
        var view = (Span<ulong>)R;
        view.Slice(8, 8).CopyTo(_windowRegisters.AsSpan(InsBase(Cwp + 1), 8));
        view.Slice(16, 16).CopyTo(_windowRegisters.AsSpan(Cwp * 16, 16));
    }

    private void LoadCurrentWindow()
    {
        var view = (Span<ulong>)R;
        _windowRegisters.AsSpan(InsBase(Cwp + 1), 8).CopyTo(view.Slice(8, 8));
        _windowRegisters.AsSpan(Cwp * 16, 16).CopyTo(view.Slice(16, 16));
    }

    private static int InsBase(int window) => ((window & (NWindows - 1)) * 16) + 8;

    private static int BackingIndex(int window, int index)
    {
        if (index is < 8 or > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(index), "only %r8..%r31 are windowed");
        }

        return index < 16 ? InsBase(window + 1) + (index - 8) : ((window & (NWindows - 1)) * 16) + (index - 16);
    }
}

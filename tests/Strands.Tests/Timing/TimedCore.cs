using Niagara.Memory;
using Niagara.Strands.Tests.Support;
using Niagara.Strands.Timing;
using Niagara.Strands.Traps;

namespace Niagara.Strands.Tests.Timing;

/// <summary>
/// One T1 core in timing mode for hand-made programs: up to 4 strands, each with its own code
/// (at <see cref="CodeBase"/> + strand * 0x2000) and a data area, a one-core
/// <see cref="T1TimingModel"/>, and the two schedules. A trap halts the strand that took it.
/// </summary>
public sealed class TimedCore : ITrapHandler
{
    public const ulong CodeBase = 0x40000;
    public const ulong DataBase = 0x100000;
    public const ulong DataSize = 0x100000;

    private readonly Strand?[] _strands = new Strand?[4];
    private readonly ulong[] _executed = new ulong[4];

    public TimedCore(TimingSchedule schedule, params string[] programs)
    {
        Memory = new PhysicalMemory();
        Memory.Map(CodeBase, 0x8000, PageAccess.All);
        Memory.Map(DataBase, DataSize, PageAccess.ReadWrite);
        Model = new T1TimingModel(schedule, 1);
        for (int i = 0; i < programs.Length; i++)
        {
            var strand = new Strand(i, Memory, this);
            ulong code = CodeBase + ((ulong)i * 0x2000);
            uint[] words = GasAssembler.Assemble(programs[i]);
            for (int w = 0; w < words.Length; w++)
            {
                Memory.Load(code + (ulong)(4 * w), BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words[w])));
            }

            strand.Pc = code;
            strand.Npc = code + 4;
            strand.AttachTiming(Model.Strand(i));
            _strands[i] = strand;
        }
    }

    public PhysicalMemory Memory { get; }

    public T1TimingModel Model { get; }

    public Strand this[int i] => _strands[i]!;

    public StrandTiming Timing(int i) => Model.Strand(i);

    /// <summary>Instructions each strand executed so far.</summary>
    public ulong Executed(int i) => _executed[i];

    /// <summary>Runs every strand to <paramref name="cycle"/> by the model's schedule, in quanta of <paramref name="quantum"/>, with boundaries.</summary>
    public TimedCore RunTo(ulong cycle, ulong quantum = 1024)
    {
        ulong now = 0;
        foreach (Strand? s in _strands)
        {
            if (s is not null)
            {
                now = Math.Max(now, s.Cycle);
            }
        }

        now -= now % quantum;
        while (now < cycle)
        {
            ulong until = Math.Min(now + quantum, cycle);
            if (Model.Schedule == TimingSchedule.Reference)
            {
                CorePipeline.Run(_strands, until, _executed);
            }
            else
            {
                for (int i = 0; i < _strands.Length; i++)
                {
                    if (_strands[i] is { } s && s.Cycle < until)
                    {
                        _executed[i] += s.RunUntil(until);
                    }
                }
            }

            Model.EndQuantum(until);
            now = until;
        }

        return this;
    }

    public bool HandleTrap(Strand strand, TrapType trap, ulong trapPc, ulong trapNpc)
    {
        strand.Pc = trapPc;
        strand.Halt(new HaltReason(HaltKind.ErrorState, (int)trap, $"trap 0x{(int)trap:x}"));
        return true;
    }
}

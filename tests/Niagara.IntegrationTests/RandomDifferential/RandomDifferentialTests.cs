using System.Text;
using Niagara.Strands.Isa;

namespace Niagara.IntegrationTests.RandomDifferential;

/// <summary>
/// The random differential tester: thousands of generated integer, condition-code,
/// multiply/divide, MOVcc/MOVr and branch sequences (fixed seed) run under qemu-sparc64 and under
/// <c>niagara exec</c>; every sequence's register dump must be identical.
/// </summary>
public sealed class RandomDifferentialTests(RandomProgramFixture random) : IClassFixture<RandomProgramFixture>
{
    private const int ListedIndices = 20;

    /// <summary>Checks the harness itself on the reference: one line per sequence, and every
    /// register no instruction names as destination (the divisors among them) keeps its value.</summary>
    [Fact]
    public async Task Qemu_RandomProgram_PrintsEverySequenceAndKeepsUnwrittenRegisters()
    {
        random.AssertReady();
        Assert.Equal(random.SequenceCount, random.QemuDumps.Count);
        foreach (GeneratedSequence sequence in random.Sequences)
        {
            RegisterDump? dump = random.QemuDumps[sequence.Index];
            Assert.True(dump is not null && dump.Index == sequence.Index, $"qemu line {sequence.Index + 1} is malformed");
            var written = WrittenRegisters(sequence);
            for (int k = 0; k < SequenceRegisters.Usable.Count; k++)
            {
                int register = SequenceRegisters.Usable[k];
                if (!written.Contains(register) && dump.Values[k] != sequence.InitialValues[k])
                {
                    string report = await MismatchReport.DescribeAsync(
                        sequence, Expected(sequence), dump, "expected", "qemu", random.WorkDirectory);
                    Assert.Fail($"{SequenceRegisters.Name(register)} changed although no instruction writes it: "
                        + $"the harness is broken.\n{report}");
                }
            }
        }
    }

    [Fact]
    public async Task Exec_RandomSequences_MatchQemuRegisterDumps()
    {
        random.AssertReady();
        Assert.True(File.Exists(SimulatorCli.AssemblyPath), $"{SimulatorCli.AssemblyPath} is missing: the test project must reference src/Niagara");
        ProcessResult actual = await RandomProgram.RunSimulatorAsync(random.ProgramPath, random.WorkDirectory);
        Assert.False(actual.TimedOut, $"niagara exec timed out after {RandomProgram.SimulatorTimeout.TotalSeconds} s; {random.Reproduce}\nstderr:\n{Tail(actual.Stderr)}");

        List<RegisterDump?> dumps = RegisterDump.ParseAll(actual.Stdout);
        var failing = new List<int>();
        for (int n = 0; n < random.SequenceCount; n++)
        {
            RegisterDump? got = n < dumps.Count ? dumps[n] : null;
            if (random.QemuDumps[n] is not RegisterDump want || !want.SameAs(got))
            {
                failing.Add(n);
            }
        }

        if (failing.Count == 0 && actual.ExitCode == 0 && dumps.Count == random.SequenceCount)
        {
            return;
        }

        Assert.Fail(await DescribeFailureAsync(failing, dumps, actual));
    }

    private async Task<string> DescribeFailureAsync(List<int> failing, List<RegisterDump?> dumps, ProcessResult actual)
    {
        int instructions = 0;
        foreach (GeneratedSequence sequence in random.Sequences)
        {
            instructions += sequence.Instructions.Count;
        }

        var s = new StringBuilder();
        s.Append("niagara exec differs from qemu on ").Append(failing.Count).Append(" of ").Append(random.SequenceCount)
            .Append(" random sequences (").Append(instructions).Append(" instructions); exit code ").Append(actual.ExitCode)
            .Append(", ").Append(dumps.Count).Append(" lines printed.\n").Append(random.Reproduce).Append('\n');
        if (failing.Count > 0)
        {
            s.Append("failing sequences: ").AppendJoin(", ", failing.Take(ListedIndices)).Append(failing.Count > ListedIndices ? ", ..." : "").Append('\n');
            await AppendSequenceAsync(s, "first failing", failing[0], dumps);
            s.Append(await DivergenceLocator.LocateAsync(random.Sequences[failing[0]], random.WorkDirectory));

            // The shortest failing sequence is often the quickest to understand.
            int shortest = failing.MinBy(n => random.Sequences[n].Instructions.Count);
            if (shortest != failing[0])
            {
                await AppendSequenceAsync(s, "shortest failing", shortest, dumps);
            }
        }

        if (actual.Stderr.Length > 0)
        {
            s.Append("simulator stderr (tail):\n").Append(Tail(actual.Stderr)).Append('\n');
        }

        return s.ToString();
    }

    private async Task AppendSequenceAsync(StringBuilder s, string what, int index, List<RegisterDump?> dumps)
    {
        RegisterDump? got = index < dumps.Count ? dumps[index] : null;
        s.Append('\n').Append(what).Append(": ").Append(await MismatchReport.DescribeAsync(
            random.Sequences[index], random.QemuDumps[index], got, "qemu", "simulator", random.WorkDirectory));
    }

    private static HashSet<int> WrittenRegisters(GeneratedSequence sequence)
    {
        var written = new HashSet<int>();
        foreach (GeneratedInstruction insn in sequence.Instructions)
        {
            if ((insn.Spec.Flags & InstructionFlags.IntegerDestination) != 0)
            {
                written.Add((int)InstructionFields.Rd(insn.Word));
            }
        }

        return written;
    }

    /// <summary>What the dump would be if only unwritten registers counted: the initial values.</summary>
    private static RegisterDump Expected(GeneratedSequence sequence) => new(sequence.Index, sequence.InitialValues);

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}

using System.Diagnostics;
using System.Globalization;
using Niagara.Commands;
using Niagara.Hypervisor.Linux;
using Niagara.Loading;
using Niagara.Memory;
using Niagara.Strands;

namespace Niagara.Process;

/// <summary>What `niagara exec` was asked to do.</summary>
public sealed record ExecRequest(
    string Program,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<string> Environment,
    ulong? MaxInstructions,
    bool Stats,
    ulong StackSize,
    ulong Hwcap,
    ulong Seed,
    bool Strace = false);

/// <summary>
/// One process-mode run: load the executable, build the process, run the strand in slices until
/// it halts, and turn the outcome into niagara's exit status (the guest's own exit status,
/// 128 + signal for a fatal signal, 2 for input the simulator refuses, 124 for --max-instructions).
/// </summary>
public static class ExecSession
{
    /// <summary>Exit status when --max-instructions stops the guest (like timeout(1)).</summary>
    public const int InstructionLimitStatus = 124;

    /// <summary>Instructions per Strand.Run call: large enough to amortize the call, small enough to check the limit.</summary>
    private const ulong Slice = 1UL << 22;

    public static int Run(ExecRequest request)
    {
        byte[]? data = CommandLine.ReadInput(request.Program);
        if (data is null)
        {
            return CommandLine.UsageStatus;
        }

        var memory = new PhysicalMemory();
        ProcessImage image;
        try
        {
            image = ElfLoader.Load(ElfFile.Parse(data), memory);
        }
        catch (ElfFormatException e)
        {
            Console.Error.WriteLine($"niagara: {request.Program}: {e.Message}");
            return CommandLine.UsageStatus;
        }

        var options = new LinuxProcessOptions(
            request.Program, Path.GetFullPath(request.Program), request.Arguments, request.Environment,
            request.Hwcap, request.StackSize, request.Seed);
        var process = new LinuxProcess(memory, image, options) { SyscallTrace = request.Strace ? Console.Error : null };
        var strand = new Strand(0, memory, process);
        process.Start(strand);

        var clock = Stopwatch.StartNew();
        bool limited = false;
        while (strand.Halted is null)
        {
            ulong budget = Slice;
            if (request.MaxInstructions is { } max)
            {
                if (strand.Retired >= max)
                {
                    limited = true;
                    break;
                }

                budget = Math.Min(budget, max - strand.Retired);
            }

            strand.Run(budget);
        }

        clock.Stop();
        int status;
        if (limited)
        {
            Console.Error.WriteLine($"niagara: {request.Program}: stopped after {strand.Retired} instructions (--max-instructions) at pc 0x{strand.Pc:x}");
            status = InstructionLimitStatus;
        }
        else if (process.Exit is { } exit)
        {
            if (exit.Report is not null)
            {
                Console.Error.WriteLine(exit.Report);
            }

            status = exit.ExitStatus;
        }
        else
        {
            Console.Error.WriteLine($"niagara: {request.Program}: {strand.Halted!.Message}");
            status = Program.InternalErrorStatus;
        }

        if (request.Stats)
        {
            PrintStats(strand, process, clock.Elapsed);
        }

        return status;
    }

    private static void PrintStats(Strand strand, LinuxProcess process, TimeSpan wall)
    {
        double seconds = Math.Max(wall.TotalSeconds, 1e-9);
        var c = CultureInfo.InvariantCulture;
        Console.Error.WriteLine("niagara stats:");
        Console.Error.WriteLine(string.Create(c, $"  instructions  {strand.Retired}"));
        Console.Error.WriteLine(string.Create(c, $"  wall time     {wall.TotalSeconds:F3} s"));
        Console.Error.WriteLine(string.Create(c, $"  simulated     {strand.Retired / seconds / 1e6:F2} MIPS"));
        Console.Error.WriteLine(string.Create(c, $"  syscalls      {process.SyscallCount}, window traps {process.WindowTrapCount}"));
    }
}

using Niagara.Hypervisor.Linux;
using Niagara.Loading;
using Niagara.Memory;
using Niagara.Strands;

namespace Niagara.Bench;

/// <summary>One process-mode run of a static sparc64 program, as `niagara exec` does it.</summary>
public static class ProcessRun
{
    /// <summary>Runs <paramref name="binary"/> (read from <paramref name="path"/>) to completion; returns the instructions executed.</summary>
    public static ulong Execute(byte[] binary, string path, string argument)
    {
        var memory = new PhysicalMemory();
        ProcessImage image = ElfLoader.Load(ElfFile.Parse(binary), memory);
        string name = Path.GetFileName(path);
        var options = new LinuxProcessOptions(name, Path.GetFullPath(path), [name, argument], ["LANG=C"]);
        var process = new LinuxProcess(memory, image, options);
        var strand = new Strand(0, memory, process);
        process.Start(strand);
        while (strand.Halted is null)
        {
            strand.Run(1UL << 24);
        }

        if (process.Exit is not { ExitStatus: 0 })
        {
            throw new InvalidOperationException($"{name} did not exit cleanly: {strand.Halted.Message}");
        }

        return strand.Retired;
    }
}

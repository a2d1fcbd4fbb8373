using Niagara.Hypervisor.Configuration;
using Niagara.Loading;
using Niagara.Machine;

namespace Niagara.Commands;

/// <summary>The IMAGE argument of run, trace and scale: a sun4v guest ELF, or the command's built-in guest when none is given.</summary>
internal static class GuestInput
{
    /// <summary>
    /// Loads <paramref name="path"/> (or <paramref name="builtIn"/> when it is null) for
    /// <paramref name="config"/>. On a file that cannot be read or is not a sun4v-loadable ELF it
    /// writes one line to stderr and returns null: the command exits <see cref="CommandLine.UsageStatus"/>.
    /// </summary>
    public static GuestImage? Load(string? path, MachineConfiguration config, BuiltInGuest builtIn, out string name)
    {
        name = path ?? builtIn.Name;
        if (path is null)
        {
            Console.Error.WriteLine($"niagara: {builtIn.Description}");
        }

        byte[]? data = path is null ? builtIn.Read() : CommandLine.ReadInput(path);
        if (data is null)
        {
            return null;
        }

        try
        {
            return GuestImageLoader.Load(data, config);
        }
        catch (ElfFormatException e)
        {
            Console.Error.WriteLine($"niagara: {name}: {e.Message}");
            return null;
        }
    }
}

using System.CommandLine;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.MachineDescriptions;
using Niagara.Machine;

namespace Niagara.Commands;

/// <summary>`niagara md [--strands N] [--memory SIZE]`: prints the machine description a guest would get from mach_desc.</summary>
public static class MdCommand
{
    public static Command Create()
    {
        var strands = new Option<string?>("--strands") { Description = $"Strands (1..32, default {ChipLayout.DefaultStrands}), packed onto as few cores as possible.", HelpName = "N" };
        var memory = new Option<string?>("--memory") { Description = "Guest memory (suffix K, M or G; default 256M, at most 32G).", HelpName = "SIZE" };
        var command = new Command("md", $"Print the sun4v machine description of a configuration as text (exit {InvalidConfigurationException.ExitCode} for a configuration the chip cannot have).")
        {
            strands, memory,
        };
        command.SetAction(result => Run(result.GetValue(strands), result.GetValue(memory)));
        return command;
    }

    private static int Run(string? strands, string? memory)
    {
        MachineConfiguration config;
        try
        {
            config = ChipLayout.Parse(strands, memory);
        }
        catch (InvalidConfigurationException e)
        {
            Console.Error.WriteLine($"niagara: {e.Message}");
            return InvalidConfigurationException.ExitCode;
        }

        MachineDescriptionImage image = GuestMachineDescription.BuildImage(config);
        Console.Out.Write(MachineDescriptionText.Format(image.Bytes));
        return 0;
    }
}

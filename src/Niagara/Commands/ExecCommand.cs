using System.CommandLine;
using System.Globalization;
using Niagara.Hypervisor.Linux;
using Niagara.Process;

namespace Niagara.Commands;

/// <summary>`niagara exec [options] PROG [ARGS...]`: runs a static sparc64 Linux executable.</summary>
public static class ExecCommand
{
    public static Command Create()
    {
        var stats = new Option<bool>("--stats") { Description = "Print instructions executed, wall time and simulated MIPS to stderr after the run." };
        var maxInstructions = new Option<string?>("--max-instructions") { Description = $"Stop the guest after N instructions (exit status {ExecSession.InstructionLimitStatus}).", HelpName = "N" };
        var env = new Option<string[]>("--env") { Description = "Set NAME=VALUE in the guest's environment (repeatable).", HelpName = "NAME=VALUE", Arity = ArgumentArity.ZeroOrMore };
        var unsetEnv = new Option<string[]>("--unset-env") { Description = "Remove NAME from the guest's environment (repeatable).", HelpName = "NAME", Arity = ArgumentArity.ZeroOrMore };
        var clearEnv = new Option<bool>("--clear-env") { Description = "Start the guest with an empty environment (then apply --env)." };
        var stackSize = new Option<string?>("--stack-size") { Description = "Guest stack size in bytes (suffix K, M or G; default 8M, like Linux's RLIMIT_STACK).", HelpName = "BYTES" };
        var hwcap = new Option<string?>("--hwcap") { Description = "AT_HWCAP: 'qemu' (default, what qemu-sparc64 reports), 't1' (what Linux reports on a T1) or a number.", HelpName = "qemu|t1|N" };
        var strace = new Option<bool>("--strace") { Description = "Log every system call and its result to stderr, like qemu's -strace." };
        var seed = new Option<string?>("--seed") { Description = "Seed of the guest's AT_RANDOM and getrandom bytes (default 0).", HelpName = "N" };
        var program = new Argument<string[]>("program")
        {
            Description = "The executable and its arguments; everything from here on belongs to the guest.",
            Arity = ArgumentArity.OneOrMore,
            CaptureRemainingTokens = true,
            HelpName = "PROG [ARGS...]",
        };

        var command = new Command("exec", "Run a static sparc64 Linux executable in process mode.")
        {
            stats, strace, maxInstructions, env, unsetEnv, clearEnv, stackSize, hwcap, seed, program,
        };

        command.SetAction(result =>
        {
            string[] tokens = result.GetValue(program) ?? [];
            if (!TryParseCount(result.GetValue(maxInstructions), "--max-instructions", out ulong? limit)
                || !TryParseSize(result.GetValue(stackSize), out ulong stack)
                || !TryParseHwcap(result.GetValue(hwcap), out ulong hwcapValue)
                || !TryParseCount(result.GetValue(seed), "--seed", out ulong? seedValue))
            {
                return CommandLine.UsageStatus;
            }

            List<string>? environment = GuestEnvironment.Build(
                result.GetValue(clearEnv), result.GetValue(env) ?? [], result.GetValue(unsetEnv) ?? []);
            if (environment is null)
            {
                return CommandLine.UsageStatus;
            }

            var request = new ExecRequest(tokens[0], tokens, environment, limit, result.GetValue(stats), stack, hwcapValue, seedValue ?? 0, result.GetValue(strace));
            return ExecSession.Run(request);
        });
        return command;
    }

    private static bool TryParseCount(string? text, string option, out ulong? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (TryParseNumber(text, out ulong parsed))
        {
            value = parsed;
            return true;
        }

        CommandLine.UsageError($"{option}: '{text}' is not a non-negative integer");
        return false;
    }

    private static bool TryParseSize(string? text, out ulong bytes)
    {
        bytes = AddressSpaceLayout.DefaultStackSize;
        if (text is null)
        {
            return true;
        }

        ulong scale = char.ToUpperInvariant(text[^1]) switch { 'K' => 1UL << 10, 'M' => 1UL << 20, 'G' => 1UL << 30, _ => 1 };
        string digits = scale == 1 ? text : text[..^1];
        if (TryParseNumber(digits, out ulong n) && n > 0 && n <= (64UL << 30) / scale)
        {
            bytes = n * scale;
            return true;
        }

        CommandLine.UsageError($"--stack-size: '{text}' is not a size between 1 byte and 64G");
        return false;
    }

    private static bool TryParseHwcap(string? text, out ulong hwcap)
    {
        hwcap = SparcHwcap.Qemu;
        switch (text?.ToLowerInvariant())
        {
            case null or "qemu":
                return true;
            case "t1":
                hwcap = SparcHwcap.T1Linux;
                return true;
        }

        if (TryParseNumber(text, out hwcap))
        {
            return true;
        }

        CommandLine.UsageError($"--hwcap: '{text}' is not 'qemu', 't1' or a number");
        return false;
    }

    private static bool TryParseNumber(string text, out ulong value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

using Niagara.Hypervisor.Configuration;
using Niagara.Strands.Timing;

namespace Niagara.Machine;

/// <summary>The `--timing` option of `niagara run`: none (functional), t1, or t1-reference.</summary>
public static class TimingMode
{
    public const string Values = "none, t1 or t1-reference";

    /// <summary>
    /// The schedule for <paramref name="value"/>, or null for functional timing (none, or no
    /// option). Anything else is a configuration error (exit 78).
    /// </summary>
    public static TimingSchedule? Parse(string? value) => value switch
    {
        null or "none" => null,
        "t1" => TimingSchedule.Parallel,
        "t1-reference" => TimingSchedule.Reference,
        _ => throw new InvalidConfigurationException("timing", $"'{value}' is not a timing mode ({Values})"),
    };
}

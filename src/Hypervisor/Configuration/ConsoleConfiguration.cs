namespace Niagara.Hypervisor.Configuration;

/// <summary>Where the guest's hypervisor console (cons_putchar / cons_write) goes.</summary>
public enum ConsoleSink
{
    /// <summary>The simulator's standard output.</summary>
    Stdout,

    /// <summary>
    /// Discarded, like the T1 HV's unconfigured console (output EOK, getchar EWOULDBLOCK); the
    /// MD still lists the console device so guests find it.
    /// </summary>
    Null,

    /// <summary>A file, named by <see cref="ConsoleConfiguration.FilePath"/>.</summary>
    File,
}

/// <summary>The domain's console. <see cref="FilePath"/> is required for, and only for, <see cref="ConsoleSink.File"/>.</summary>
public sealed record ConsoleConfiguration(ConsoleSink Sink = ConsoleSink.Stdout, string? FilePath = null)
{
    public static ConsoleConfiguration Default { get; } = new();

    internal void Validate(List<ConfigurationError> errors)
    {
        if (!Enum.IsDefined(Sink))
            errors.Add(new ConfigurationError("console", $"unknown console sink {(int)Sink}"));
        else if (Sink == ConsoleSink.File && string.IsNullOrWhiteSpace(FilePath))
            errors.Add(new ConfigurationError("console.file", "a file console needs a file path"));
        else if (Sink != ConsoleSink.File && FilePath is not null)
            errors.Add(new ConfigurationError("console.file", $"a path is only used with a file console, not with '{Sink.ToString().ToLowerInvariant()}'"));
    }
}

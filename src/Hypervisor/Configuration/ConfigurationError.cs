namespace Niagara.Hypervisor.Configuration;

/// <summary>One invalid configuration value: the field it belongs to and why it is refused.</summary>
public sealed record ConfigurationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// Thrown for an invalid machine configuration. <see cref="Exception.Message"/> is a single
/// line naming every bad field, meant to be printed as is (no stack trace) before exiting with
/// <see cref="ExitCode"/>.
/// </summary>
public sealed class InvalidConfigurationException : Exception
{
    /// <summary>The exit code the CLI uses for a configuration it refuses (sysexits EX_CONFIG).</summary>
    public const int ExitCode = 78;

    public InvalidConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    public InvalidConfigurationException(string field, string message)
        : this(new[] { new ConfigurationError(field, message) })
    {
    }

    public InvalidConfigurationException()
        : this(Array.Empty<ConfigurationError>())
    {
    }

    public InvalidConfigurationException(string message)
        : base(message)
    {
        Errors = Array.Empty<ConfigurationError>();
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = Array.Empty<ConfigurationError>();
    }

    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<ConfigurationError> errors)
    {
        if (errors.Count == 0)
            return "invalid machine configuration";
        var parts = new string[errors.Count];
        for (int i = 0; i < errors.Count; i++)
            parts[i] = errors[i].ToString();
        return "invalid machine configuration: " + string.Join("; ", parts);
    }
}

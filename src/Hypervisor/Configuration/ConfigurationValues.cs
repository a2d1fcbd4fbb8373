using System.Globalization;

namespace Niagara.Hypervisor.Configuration;

/// <summary>
/// Parses the text forms of configuration values (command-line options, config files) into
/// typed values once, at the edge. A malformed value throws
/// <see cref="InvalidConfigurationException"/> naming the field.
/// </summary>
public static class ConfigurationValues
{
    /// <summary>An unsigned integer in decimal or 0x-hex, with optional '_' separators.</summary>
    public static ulong ParseInteger(string field, string text)
    {
        if (TryParseInteger(text, out ulong value))
            return value;
        throw new InvalidConfigurationException(field, $"'{text}' is not a number (decimal or 0x-hex)");
    }

    /// <summary>A whole count in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static int ParseCount(string field, string text, int min, int max)
    {
        if (!TryParseInteger(text, out ulong value))
            throw new InvalidConfigurationException(field, $"'{text}' is not a number");
        if (value < (ulong)min || value > (ulong)max)
            throw new InvalidConfigurationException(field, $"{value} is outside {min}..{max}");
        return (int)value;
    }

    /// <summary>
    /// A byte count: a number with an optional binary suffix K, M, G or T (also KB/KiB, ...):
    /// "256M" is 256 MiB, "0x10000000" is 256 MiB.
    /// </summary>
    public static ulong ParseByteSize(string field, string text)
    {
        string t = text.Trim();
        int split = SuffixStart(t);
        string digits = t[..split];
        string suffix = t[split..].Trim().ToUpperInvariant();
        int shift = suffix switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 10,
            "M" or "MB" or "MIB" => 20,
            "G" or "GB" or "GIB" => 30,
            "T" or "TB" or "TIB" => 40,
            _ => -1,
        };
        if (shift < 0 || !TryParseInteger(digits, out ulong value))
            throw new InvalidConfigurationException(field, $"'{text}' is not a size (like 256M, 1G or 0x10000000)");
        if (value > ulong.MaxValue >> shift)
            throw new InvalidConfigurationException(field, $"'{text}' does not fit in 64 bits");
        return value << shift;
    }

    /// <summary>A frequency in Hz: "1.2GHz", "1200MHz", "5000kHz" or plain Hz "1200000000".</summary>
    public static ulong ParseFrequency(string field, string text)
    {
        string t = text.Trim();
        int split = SuffixStart(t);
        string number = t[..split];
        decimal scale = t[split..].Trim().ToUpperInvariant() switch
        {
            "" or "HZ" => 1m,
            "KHZ" => 1e3m,
            "MHZ" => 1e6m,
            "GHZ" => 1e9m,
            _ => 0m,
        };
        if (scale == 0m
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal value))
            throw new InvalidConfigurationException(field, $"'{text}' is not a frequency (like 1.2GHz or 1200000000)");
        decimal hz = value * scale;
        if (hz != decimal.Truncate(hz) || hz > ulong.MaxValue)
            throw new InvalidConfigurationException(field, $"'{text}' is not a whole number of Hz");
        return (ulong)hz;
    }

    /// <summary>A console: "stdout", "null" (discard) or "file:PATH".</summary>
    public static ConsoleConfiguration ParseConsole(string field, string text)
    {
        const string filePrefix = "file:";
        if (text.Equals("stdout", StringComparison.OrdinalIgnoreCase))
            return new ConsoleConfiguration(ConsoleSink.Stdout);
        if (text.Equals("null", StringComparison.OrdinalIgnoreCase) || text.Equals("none", StringComparison.OrdinalIgnoreCase))
            return new ConsoleConfiguration(ConsoleSink.Null);
        if (text.StartsWith(filePrefix, StringComparison.OrdinalIgnoreCase) && text.Length > filePrefix.Length)
            return new ConsoleConfiguration(ConsoleSink.File, text[filePrefix.Length..]);
        throw new InvalidConfigurationException(field, $"'{text}' is not a console (stdout, null or file:PATH)");
    }

    private static bool TryParseInteger(string text, out ulong value)
    {
        string t = text.Trim().Replace("_", "", StringComparison.Ordinal);
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && t.Length > 2;
        return ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // Where the unit starts: after the digits (hex digits after 0x, a decimal point for frequencies).
    private static int SuffixStart(string t)
    {
        bool hex = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        int i = hex ? 2 : 0;
        while (i < t.Length && (char.IsAsciiDigit(t[i]) || t[i] == '_' || t[i] == '.' || (hex && char.IsAsciiHexDigit(t[i]))))
            i++;
        return i;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Niagara.Reports;

/// <summary>The JSON form of <see cref="RunSummary"/> (`--report FILE.json`); its schema is docs/report-schema.json.</summary>
public static class RunReportJson
{
    public static void Write(Stream output, RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Outcome is null)
        {
            throw new ArgumentException("a JSON report needs the run's outcome", nameof(summary));
        }

        JsonSerializer.Serialize(output, summary, RunReportJsonContext.Default.RunSummary);
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class RunReportJsonContext : JsonSerializerContext;

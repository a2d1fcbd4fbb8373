using System.Globalization;
using System.Text.Json.Nodes;
using Niagara.Hypervisor.Configuration;
using Niagara.Hypervisor.Machine;
using Niagara.Hypervisor.Sun4v;
using Niagara.Machine;
using Niagara.Reports.Plots;
using Niagara.Tracing;

namespace Niagara.Reports;

/// <summary>What a run writes besides the text report: `--report FILE.json` and `--plots DIR` (null: not asked for).</summary>
public sealed record RunOutputs(string? ReportPath, string? PlotsDirectory)
{
    public static RunOutputs None { get; } = new(null, null);

    /// <summary>Why an output path cannot work (checked before the run), or null.</summary>
    public string? Check() =>
        (ReportPath is null ? null : ReportFile.CheckFile(ReportPath))
        ?? (PlotsDirectory is null ? null : ReportFile.CheckDirectory(PlotsDirectory));
}

/// <summary>
/// Everything a `niagara run` reports besides the guest console: the progress line while it
/// runs (on a terminal only), then the text report and cross-call summary on stderr, the JSON
/// report and the plots. MachineSession calls it at three points and knows nothing else of it.
/// </summary>
public sealed class RunReporting : IDisposable
{
    /// <summary>Exit status when the report or a plot cannot be written after the run (sysexits EX_CANTCREAT).</summary>
    public const int OutputErrorStatus = 73;

    private readonly string _image;
    private readonly MachineConfiguration _config;
    private readonly SynchronizerOptions _options;
    private readonly RunOutputs _outputs;
    private readonly ProgressLine? _progress;

    public RunReporting(string image, MachineConfiguration config, SynchronizerOptions options, RunOutputs? outputs)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        _image = image;
        _config = config;
        _options = options;
        _outputs = outputs ?? RunOutputs.None;
        _progress = ProgressLine.ForStandardError(options.MaxCycles);
    }

    /// <summary>The guest console to give the machine: erases the progress line before guest output.</summary>
    public IConsoleDevice Console(IConsoleDevice device) => _progress is null ? device : new ProgressConsole(device, _progress);

    /// <summary>The machine to give the synchronizer: updates the progress line at boundaries.</summary>
    public IQuantumMachine Watch(Sun4vMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return _progress is null ? machine : new ProgressMachine(machine, _progress, () => machine.InstructionsRetired);
    }

    /// <summary>Erases the progress line (before an error message, or at the end).</summary>
    public void Dispose() => _progress?.Clear();

    /// <summary>Writes the reports after the run; false when a file could not be written (already reported).</summary>
    /// <param name="timing">The timing model's section of the JSON report (<see cref="RunSummary.Timing"/>), or null.</param>
    public bool Finish(Sun4vMachine machine, SynchronizerResult result, TextWriter errors, JsonObject? timing = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(errors);
        _progress?.Clear();
        (CrossCallSummary crossCalls, CrossCallReport crossCallReport) = RunSummaryBuilder.FromCrossCalls(_config, machine.CrossCalls, result.Cycle);
        RunSummary summary = RunSummaryBuilder.Build(_image, result, _config.ClockFrequencyHz, _options.MaxCycles, machine.Outcome, crossCallReport) with { Timing = timing };
        RunReport.Write(errors, summary, result.Stop);
        errors.Write(CrossCallSummaryText.Format(crossCalls));
        if (_outputs.ReportPath is { } report)
        {
            if (!ReportFile.Write(report, stream => RunReportJson.Write(stream, summary), errors))
            {
                return false;
            }

            errors.WriteLine($"report: written to {report}");
        }

        if (_outputs.PlotsDirectory is { } directory)
        {
            if (RunPlots.Write(summary, directory, errors) is not { } plots)
            {
                return false;
            }

            errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"plots: {plots.Count} written to {directory} (SVG and PNG)"));
        }

        return true;
    }
}

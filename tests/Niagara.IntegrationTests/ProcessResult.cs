namespace Niagara.IntegrationTests;

/// <summary>What a child process left behind. Output is decoded as Latin-1 so that every byte
/// survives the comparison.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed);

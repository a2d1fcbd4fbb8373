namespace Niagara.Machine;

/// <summary>To the <see cref="SynchronizerActor"/>: start the first quantum.</summary>
public sealed record BeginRun
{
    public static BeginRun Instance { get; } = new();
}

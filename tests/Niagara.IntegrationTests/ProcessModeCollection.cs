namespace Niagara.IntegrationTests;

/// <summary>Tests that run the compiled guest programs share one build of them.</summary>
[CollectionDefinition(Name)]
public sealed class ProcessModeCollection : ICollectionFixture<GuestProgramsFixture>
{
    public const string Name = "Process mode";
}

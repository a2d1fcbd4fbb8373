namespace Niagara.IntegrationTests;

/// <summary>Checks the toolchain and builds tests/programs once for the whole collection. A
/// failure is kept and reported by every test (as a failure, not a skip).</summary>
public sealed class GuestProgramsFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    public string QemuPath { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            QemuPath = Toolchain.Require(Toolchain.Qemu);
            Toolchain.Require(Toolchain.CrossCompiler);
            var build = await ProcessRunner.RunAsync(
                "bash", [RepoPaths.ProgramsBuildScript], environment: null, RepoPaths.ProgramsDirectory, BuildTimeout);
            if (build.TimedOut || build.ExitCode != 0)
            {
                Error = $"tests/programs/build.sh failed (exit {build.ExitCode}, timed out: {build.TimedOut}):\n"
                    + build.Stdout + build.Stderr;
            }
        }
        catch (InvalidOperationException e)
        {
            Error = e.Message;
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Fails the calling test when the toolchain or the build is not there.</summary>
    public void AssertReady()
    {
        if (Error is not null)
        {
            Assert.Fail(Error);
        }
    }
}

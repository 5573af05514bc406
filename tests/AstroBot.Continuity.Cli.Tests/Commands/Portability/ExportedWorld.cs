namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

/// <summary>
/// A seeded world exported once per test class, through the CLI: <see cref="UserArchive"/> (<c>export --user</c> of
/// the first seeded user) and <see cref="TenantDirectory"/> (<c>export --all</c>). Tests only read it; they import
/// into worlds of their own and alter copies.
/// </summary>
public sealed class ExportedWorld : IAsyncLifetime
{
    private readonly TempDirectory files = new();

    public CliHarness Source { get; } = new();

    public string UserArchive => files.File("user.zip");

    public string TenantDirectory => files.File("tenant");

    public async Task InitializeAsync()
    {
        await Source.SeedAsync();
        (await Source.InvokeAsync("export", "--user", CliHarness.SeededUsers[0].WaId, "--out", UserArchive)).AssertExitCode(0);
        (await Source.InvokeAsync("export", "--all", "--out", TenantDirectory)).AssertExitCode(0);
    }

    public async Task DisposeAsync()
    {
        files.Dispose();
        await Source.DisposeAsync();
    }
}

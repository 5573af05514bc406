using AstroBot.Continuity.Cli.Commands.Portability;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

/// <summary><see cref="TenantExporter"/> directly, with fewer users in flight than users and a small account page, over the seeded world.</summary>
public sealed class TenantExporterTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();
    private readonly TempDirectory files = new();
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        await cli.SeedAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(cli.Settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))).Build();
        services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddContinuityBackend(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        files.Dispose();
        await services.DisposeAsync();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_MoreUsersThanInFlight_ExportsAndAuditsEachUserOnceWithCountsThatNeverGoBack()
    {
        var sut = Exporter(usersInFlight: 2);
        var reports = new List<TenantExportProgress>();

        var result = await sut.RunAsync(files.Path, new RecordingProgress<TenantExportProgress>(reports), _ => Assert.Fail("every seeded wa_id is valid"), CancellationToken.None);

        Assert.Equal(CliHarness.SeededUsers.Select(user => user.WaId + ".zip").Order(StringComparer.Ordinal), Directory.GetFiles(files.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal((CliHarness.SeededUsers.Count, cli.SeededItems), (result.Users, result.TotalItems));
        Assert.Equal(Directory.GetFiles(files.Path).Sum(file => new FileInfo(file).Length), result.Bytes);
        Assert.Equal(Enumerable.Range(1, CliHarness.SeededUsers.Count), reports.Select(report => report.Users));
        Assert.Equal(reports.Select(report => report.Items).Order(), reports.Select(report => report.Items));
        foreach (var user in CliHarness.SeededUsers)
        {
            Assert.Single(await services.GetRequiredService<AuditTrail>().ListAsync(user.WaId, CancellationToken.None));
        }
    }

    [Fact]
    public async Task RunAsync_CancelledDuringTheRun_ThrowsAndLeavesNoPartialFile()
    {
        using var cancel = new CancellationTokenSource();
        var sut = Exporter(usersInFlight: 2);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sut.RunAsync(files.Path, new RecordingProgress<TenantExportProgress>([], _ => cancel.Cancel()), _ => { }, cancel.Token));

        Assert.Empty(Directory.GetFiles(files.Path, "*.partial"));
        Assert.True(Directory.GetFiles(files.Path).Length < CliHarness.SeededUsers.Count, "the run stopped before the last user");
    }

    private TenantExporter Exporter(int usersInFlight) => new(
        new AccountFeed(cli.Cosmos, cli.Database, pageSize: 2),
        services.GetRequiredService<UserExporter>(),
        services.GetRequiredService<AuditTrail>(),
        TimeProvider.System,
        usersInFlight);
}

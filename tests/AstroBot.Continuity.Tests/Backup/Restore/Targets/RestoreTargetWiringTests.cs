using System.Collections.Concurrent;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Tests.Backup.Restore.Targets;

/// <summary>
/// The restore and the restore test go through the registered <see cref="IRestoreTargetProvisioner"/> (here a spy over
/// the data plane, on the emulators): the restore's plan asks it for the target, a target it cannot create refuses the
/// restore with its message, and the restore test drops its scratch database through it, also after such a refusal.
/// </summary>
public sealed class RestoreTargetWiringTests(BackupHarness harness) : IClassFixture<BackupHarness>
{
    private const string CannotCreate =
        "Creating database 'x' in Cosmos DB account 'astrobot-prod-cosmos-x7' was refused by Resource Manager (403 AuthorizationFailed: no).";

    private readonly Dictionary<string, string?> settings = new()
    {
        ["Backup:ScratchDatabasePrefix"] = EmulatorEndpoints.UniqueName("rtw") + "-",
    };

    [Fact]
    public async Task RunToCompletionAsync_NewTarget_AsksTheProvisionerForThatDatabaseAndTheChosenContainers()
    {
        await harness.RunFullAsync();
        var spy = new ProvisionerSpy(new DataPlaneRestoreTargets(harness.Database.Client));
        var target = harness.NewDatabaseName();

        var outcome = await Services(spy).GetRequiredService<RestoreService>()
            .RunToCompletionAsync(new RestoreRequest { TargetDatabase = target, Containers = ["readings", "accounts"] }, null, CancellationToken.None);

        Assert.Equal(target, outcome.TargetDatabase);
        var (database, containers) = Assert.Single(spy.Created);
        Assert.Equal(target, database);
        Assert.Equal(["accounts", "readings"], containers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunToCompletionAsync_TargetCannotBeCreated_IsRefusedWithTheProvisionersMessage()
    {
        await harness.RunFullAsync();
        var spy = new ProvisionerSpy(new DataPlaneRestoreTargets(harness.Database.Client), new RestoreTargetException(CannotCreate));
        var target = harness.NewDatabaseName();

        var refusal = await Assert.ThrowsAsync<RestoreRefusedException>(() => Services(spy).GetRequiredService<RestoreService>()
            .RunToCompletionAsync(new RestoreRequest { TargetDatabase = target }, null, CancellationToken.None));

        Assert.Equal(CannotCreate, refusal.Message);
        Assert.IsType<RestoreTargetException>(refusal.InnerException);
        Assert.Empty(await harness.ItemsAsync(target, "accounts"));
    }

    [Fact]
    public async Task RunAsync_Passed_DropsTheScratchDatabaseThroughTheProvisioner()
    {
        await harness.RunFullAsync();
        var spy = new ProvisionerSpy(new DataPlaneRestoreTargets(harness.Database.Client));

        var report = await Services(spy).GetRequiredService<RestoreTester>().RunAsync(null, CancellationToken.None);

        Assert.True(report.Passed, report.Summary);
        Assert.Equal(report.ScratchDatabase, Assert.Single(spy.Created).Database);
        Assert.Equal([report.ScratchDatabase], spy.Deleted);
    }

    [Fact]
    public async Task RunAsync_ScratchDatabaseCannotBeCreated_FailsWithTheProvisionersMessageAndStillDropsIt()
    {
        await harness.RunFullAsync();
        var spy = new ProvisionerSpy(new DataPlaneRestoreTargets(harness.Database.Client), new RestoreTargetException(CannotCreate));

        var report = await Services(spy).GetRequiredService<RestoreTester>().RunAsync(null, CancellationToken.None);

        Assert.False(report.Passed);
        Assert.Equal(CannotCreate, report.Error);
        Assert.Equal([report.ScratchDatabase], spy.Deleted);
    }

    private IServiceProvider Services(ProvisionerSpy spy) =>
        harness.Services(settings, services => services.Replace(ServiceDescriptor.Singleton<IRestoreTargetProvisioner>(spy)));

    /// <summary>Records what it is asked, then does it through <paramref name="inner"/>, or refuses every creation.</summary>
    private sealed class ProvisionerSpy(IRestoreTargetProvisioner inner, RestoreTargetException? refusal = null) : IRestoreTargetProvisioner
    {
        private readonly ConcurrentQueue<(string Database, string[] Containers)> created = new();
        private readonly ConcurrentQueue<string> deleted = new();

        public IReadOnlyList<(string Database, string[] Containers)> Created => [.. created];

        public IReadOnlyList<string> Deleted => [.. deleted];

        public Task EnsureCreatedAsync(string database, IEnumerable<string> containers, CancellationToken cancellationToken)
        {
            var names = containers.ToArray();
            created.Enqueue((database, names));
            return refusal is null ? inner.EnsureCreatedAsync(database, names, cancellationToken) : Task.FromException(refusal);
        }

        public Task DeleteAsync(string database, CancellationToken cancellationToken)
        {
            deleted.Enqueue(database);
            return inner.DeleteAsync(database, cancellationToken);
        }
    }
}

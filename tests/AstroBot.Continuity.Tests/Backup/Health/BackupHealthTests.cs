using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Backup.Health;

/// <summary>
/// Real backups made once for the class (a verified full and an incremental), then judged on a fake clock that starts
/// at the real time, because Azurite's secondary reports its last sync time on the real clock.
/// </summary>
public sealed class BackupHealthTests(BackupHealthTests.Fixture fixture) : IClassFixture<BackupHealthTests.Fixture>
{
    private readonly FakeTimeProvider time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task CheckAsync_NoBackups_SaysThereIsNoVerifiedFullAndNoIncrementalYet()
    {
        var sut = Health(new Dictionary<string, string?> { ["Cosmos:DatabaseName"] = EmulatorEndpoints.UniqueName("nobackups") });

        var report = await sut.CheckAsync(CancellationToken.None);

        Assert.False(report.IsHealthy);
        Assert.Contains("there is no verified full backup yet", report.Problems);
        Assert.Contains("there is no incremental backup yet", report.Problems);
        Assert.Null(report.NewestVerifiedFull);
        Assert.Null(report.VerifiedFullAge);
    }

    [Fact]
    public async Task CheckAsync_FreshVerifiedFullAndIncremental_IsHealthy()
    {
        var sut = Health();

        var report = await sut.CheckAsync(CancellationToken.None);

        Assert.True(report.IsHealthy, string.Join("; ", report.Problems));
        Assert.Equal(fixture.Full.BackupId, report.NewestVerifiedFull!.BackupId);
        Assert.Equal(fixture.Incremental.BackupId, report.NewestIncremental!.BackupId);
        Assert.Equal(time.GetUtcNow(), report.CheckedAt);
        Assert.InRange(report.VerifiedFullAge!.Value, TimeSpan.Zero, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task CheckAsync_CommittedButUnverifiedFull_DoesNotCount()
    {
        var database = EmulatorEndpoints.UniqueName("unverified");
        var catalog = fixture.Harness.Services().GetRequiredService<BackupCatalog>();
        await catalog.AddAsync(
            BackupCatalogEntries.Running(database, BackupId.New(BackupKind.Full, time.GetUtcNow()).Value, null, null, time.GetUtcNow()) with
            {
                State = BackupState.Committed,
                CompletedAt = time.GetUtcNow(),
            },
            CancellationToken.None);
        var sut = Health(new Dictionary<string, string?> { ["Cosmos:DatabaseName"] = database });

        var report = await sut.CheckAsync(CancellationToken.None);

        Assert.Contains("there is no verified full backup yet", report.Problems);
    }

    [Fact]
    public async Task CheckAsync_ThirtyOneMinutesWithoutAnIncremental_ReportsTheIncrementalsAge()
    {
        var sut = Health();
        time.Advance(TimeSpan.FromMinutes(31));

        var report = await sut.CheckAsync(CancellationToken.None);

        Assert.Contains(report.Problems, problem => problem.StartsWith("the newest incremental backup is 3", StringComparison.Ordinal) && problem.EndsWith("min old (limit 30 min)", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Problems, problem => problem.Contains("full backup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_TwentySevenHoursLater_ReportsTheVerifiedFullsAge()
    {
        var sut = Health();
        time.Advance(TimeSpan.FromHours(27));

        var report = await sut.CheckAsync(CancellationToken.None);

        Assert.Contains(report.Problems, problem => problem.StartsWith("the newest verified full backup is 27.", StringComparison.Ordinal) && problem.EndsWith("h old (limit 26.0 h)", StringComparison.Ordinal));
        Assert.InRange(report.VerifiedFullAge!.Value, TimeSpan.FromHours(27), TimeSpan.FromHours(27.1));
    }

    [Fact]
    public async Task CheckAsync_Secondary_ComputesTheGeoLagFromItsLastSyncTime()
    {
        var sut = Health();
        var lastSync = await fixture.Harness.Services().GetRequiredService<GeoReplication>().LastSyncTimeAsync(CancellationToken.None);

        var report = await sut.CheckAsync(CancellationToken.None);

        Assert.NotNull(lastSync);
        Assert.NotNull(report.GeoLastSyncTime);
        Assert.Equal(report.CheckedAt - report.GeoLastSyncTime, report.GeoReplicationLag);
        Assert.True(report.GeoReplicationLag < TimeSpan.FromMinutes(15), $"lag {report.GeoReplicationLag}");
        Assert.DoesNotContain(report.Problems, problem => problem.Contains("secondary region", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_SecondaryLaggingBeyondTheLimit_ReportsIt()
    {
        var sut = Health(new Dictionary<string, string?> { ["Backup:GeoReplicationMaxLag"] = "00:00:01", ["Backup:IncrementalBackupMaxAge"] = "1.00:00:00" });
        time.Advance(TimeSpan.FromMinutes(2));

        var report = await sut.CheckAsync(CancellationToken.None);

        Assert.Contains(report.Problems, problem => problem.StartsWith("the backup account's secondary region lags by 2 min", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_NoSecondaryConfigured_LeavesTheGeoLagUnknown()
    {
        var sut = Health(new Dictionary<string, string?> { ["Backup:SecondaryBlobEndpoint"] = null });

        var report = await sut.CheckAsync(CancellationToken.None);

        Assert.Null(report.GeoLastSyncTime);
        Assert.Null(report.GeoReplicationLag);
    }

    private BackupHealth Health(IDictionary<string, string?>? overrides = null) =>
        fixture.Harness.Services(overrides, services => services.AddSingleton<TimeProvider>(time)).GetRequiredService<BackupHealth>();

    /// <summary>A deep-verified full backup and an incremental after it, on the real clock.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public BackupHarness Harness { get; } = new();

        public BackupCatalogEntry Full { get; private set; } = null!;

        public BackupCatalogEntry Incremental { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Harness.InitializeAsync();
            Full = await Harness.RunFullAsync();
            var verified = await Harness.Services().GetRequiredService<BackupVerification>().VerifyAsync(Full.BackupId, VerifyLevel.Deep, false, CancellationToken.None);
            Assert.True(verified.IsValid, verified.Summary);
            var incremental = await Harness.Runner().RunAsync(BackupKind.Incremental, null, CancellationToken.None);
            Incremental = incremental.Entry ?? throw new InvalidOperationException(incremental.Message);
        }

        public Task DisposeAsync() => Harness.DisposeAsync();
    }
}

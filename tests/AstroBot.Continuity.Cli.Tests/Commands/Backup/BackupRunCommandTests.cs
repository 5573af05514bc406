using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Tests.Backup.Runs;
using Azure.Storage.Blobs.Specialized;

namespace AstroBot.Continuity.Cli.Tests.Commands.Backup;

public sealed class BackupRunCommandTests : IAsyncLifetime
{
    // The shortest a blob lease can be, so a lease that lapses does so in a test's time.
    private static readonly TimeSpan ShortLease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly CliHarness cli = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public Task DisposeAsync() => cli.DisposeAsync();

    [Fact]
    public async Task Invoke_Default_CommitsAFullBackupAndSaysSo()
    {
        await cli.SeedAsync();

        var run = await cli.InvokeAsync("backup", "run");

        run.AssertExitCode(0);
        Assert.Matches(@"Backup \d{8}T\d{6}Z-full-[0-9a-f]{8} committed: " + cli.SeededItems + " items", run.Out);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheResultInItsDocumentedShape()
    {
        await cli.SeedAsync();

        var run = await cli.InvokeAsync("backup", "run", "--full", "--json");

        run.AssertExitCode(0);
        Assert.Equal("committed", run.Json().GetProperty("outcome").GetString());
        Assert.Equal(cli.SeededItems, run.Json().GetProperty("entry").GetProperty("item_count").GetInt64());
        Snapshot.Matches("backup-run.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_IncrementalWithoutAFullBackup_IsSkippedSayingWhy()
    {
        await cli.SeedAsync();

        var run = await cli.InvokeAsync("backup", "run", "--incremental");

        run.AssertExitCode(0);
        Assert.Contains("Skipped", run.Out, StringComparison.Ordinal);
        Assert.Contains("No full backup", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_IncrementalAfterAFull_CommitsAnIncremental()
    {
        await cli.SeedAsync();
        await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "run", "--incremental", "--json");

        run.AssertExitCode(0);
        Assert.Contains("-incr-", run.Json().GetProperty("entry").GetProperty("backup_id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FullAndIncremental_ExitsTwoSayingChooseOne()
    {
        var run = await cli.InvokeAsync("backup", "run", "--full", "--incremental");

        run.AssertExitCode(2);
        Assert.Contains("--full and --incremental cannot be combined", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WithoutAKeyEncryptionKey_ExitsTwoNamingTheSettings()
    {
        cli.Settings["Crypto:Kek"] = "";
        cli.Settings["Crypto:KekFile"] = "";

        var run = await cli.InvokeAsync("backup", "run");

        run.AssertExitCode(2);
        Assert.Contains("No key-encryption key is configured", run.Error, StringComparison.Ordinal);
        Assert.Contains("Crypto:KekFile", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Category", "RealClock")]
    public async Task Invoke_LeaseOfARunThatDied_WaitsUntilItLapsesAndCommits()
    {
        // The real clock is the point: Azurite lets a lease that nobody renews lapse on its own clock, after 15 s.
        await cli.SeedAsync();
        cli.Settings["Backup:LeaseDuration"] = "00:00:15";
        var dead = await LockLeaseAsync();
        await dead.AcquireAsync(ShortLease); // and never renewed: the run that took it was killed

        var run = await cli.InvokeAsync("backup", "run");

        run.AssertExitCode(0);
        Assert.Contains($"Waiting up to 20 s for the backup lease of database '{cli.Database}', which may belong to a run that died", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"Backup \d{8}T\d{6}Z-full-[0-9a-f]{8} committed: " + cli.SeededItems + " items", run.Out);
    }

    [Fact]
    public async Task Invoke_LeaseOfARunThatKeepsRenewing_ExitsOneAfterALeaseDurationSayingSo()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        var start = clock.GetUtcNow();
        cli.Time = clock;
        cli.Settings["Backup:LeaseDuration"] = "00:00:15";
        // Renewed on the real clock; on the command's clock no lease lapses, as if its holder renewed it throughout.
        await using var live = await HoldLeaseAsync();

        var invocation = cli.InvokeAsync("backup", "run");
        await AdvanceWhileWaitingAsync(clock, invocation);
        var run = await invocation;

        run.AssertExitCode(1);
        Assert.Contains("Waiting up to 20 s for the backup lease", run.Error, StringComparison.Ordinal);
        Assert.Contains($"Another backup of database '{cli.Database}' still holds the lease after a wait longer than a lease lasts without renewal (15 s): another run is holding the lease and renewing it", run.Error, StringComparison.Ordinal);
        Assert.Equal(ShortLease + TimeSpan.FromSeconds(5), clock.GetUtcNow() - start);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Invoke_NoWaitWhileAnotherRunHoldsTheLease_ExitsOneAtOnce()
    {
        var clock = new WatchedClock(DateTimeOffset.UtcNow);
        cli.Time = clock;
        await using var held = await HoldLeaseAsync();

        var run = await cli.InvokeAsync("backup", "run", "--no-wait").WaitAsync(Bound);

        run.AssertExitCode(1);
        Assert.Contains($"Another backup of database '{cli.Database}' holds the lease (no backup run is recorded as running", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, clock.FiredTimers); // nothing waited on the clock
    }

    [Fact]
    public async Task Invoke_NoWaitJson_SaysLeaseHeld()
    {
        await using var held = await HoldLeaseAsync();

        var run = await cli.InvokeAsync("backup", "run", "--no-wait", "--json");

        run.AssertExitCode(1);
        Assert.Equal("lease_held", run.Json().GetProperty("outcome").GetString());
        Assert.Contains("holds the lease", run.Json().GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A lease on this world's lock blob, as another client (another run) would take it.</summary>
    private async Task<BlobLeaseClient> LockLeaseAsync()
    {
        await cli.Archives.CreateIfNotExistsAsync();
        var lockBlob = cli.Archives.GetBlobClient(BackupLayout.Lock(cli.Database));
        await lockBlob.UploadAsync(BinaryData.Empty, overwrite: true);
        return lockBlob.GetBlobLeaseClient();
    }

    /// <summary>Another run's lease, renewed on the real clock while the test lasts.</summary>
    private async Task<BackupLease> HoldLeaseAsync()
    {
        await cli.Archives.CreateIfNotExistsAsync();
        var held = await BackupLease.TryAcquireAsync(cli.Archives, cli.Database, ShortLease, TimeProvider.System, CancellationToken.None);
        Assert.NotNull(held);
        return held;
    }

    /// <summary>While the command waits for the lease (its one timer on the clock), moves the clock on to its next try.</summary>
    private static async Task AdvanceWhileWaitingAsync(WatchedClock clock, Task invocation)
    {
        while (!invocation.IsCompleted)
        {
            var waiting = clock.WhenAsync(watched => watched.WaitingTimers == 1, Bound);
            if (await Task.WhenAny(invocation, waiting) == waiting && !invocation.IsCompleted)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
            }
        }
    }
}

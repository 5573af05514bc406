using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>Real leases on Azurite, a blob container per test; renewal paced by a fake clock that says what waits on it.</summary>
public sealed class BackupLeaseTests : IAsyncLifetime
{
    private const string Database = "astrobot";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Interval = Duration / 3;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly LeaseRequests leaseRequests = new();
    private readonly WatchedClock time = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
    private BlobContainerClient archives = null!;

    public async Task InitializeAsync()
    {
        archives = new BlobServiceClient(EmulatorEndpoints.StorageConnectionString, leaseRequests.ClientOptions())
            .GetBlobContainerClient(EmulatorEndpoints.UniqueName("leases"));
        await archives.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await archives.DeleteIfExistsAsync();

    [Fact]
    public async Task TryAcquireAsync_WhileAnotherRunHoldsIt_ReturnsNull()
    {
        await using var first = await AcquireAsync();

        var sut = await AcquireAsync();

        Assert.NotNull(first);
        Assert.Null(sut);
        var properties = await archives.GetBlobClient(BackupLayout.Lock(Database)).GetPropertiesAsync();
        Assert.Equal(LeaseState.Leased, properties.Value.LeaseState);
    }

    [Fact]
    public async Task TryAcquireAsync_AnotherDatabase_IsIndependent()
    {
        await using var first = await AcquireAsync();

        await using var sut = await BackupLease.TryAcquireAsync(archives, "other", Duration, time, CancellationToken.None);

        Assert.NotNull(sut);
    }

    [Fact]
    public async Task DisposeAsync_Held_ReleasesSoTheNextRunCanTakeIt()
    {
        var first = await AcquireAsync();
        Assert.NotNull(first);

        await first.DisposeAsync();
        await using var sut = await AcquireAsync();

        Assert.NotNull(sut);
        Assert.Contains(("release", 200), leaseRequests.All);
    }

    [Fact]
    public async Task TryAcquireAsync_Held_IsRenewedEveryThirdOfItsDurationWhileHeld()
    {
        await using var sut = await AcquireAsync();
        Assert.NotNull(sut);

        // Past the lease's own duration on the clock that paces the renewals, a third at a time.
        for (var renewals = 1; renewals <= 3; renewals++)
        {
            await RenewalWaitsOnTheClockAsync();
            time.Advance(Interval - TimeSpan.FromMilliseconds(1));
            Assert.Equal(renewals - 1, time.FiredTimers); // not yet due: the fake clock fires a due timer inside Advance
            time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal(renewals, time.FiredTimers);
            await WaitUntilAsync(() => leaseRequests.Count("renew") == renewals);
        }

        Assert.All(leaseRequests.All.Where(request => request.Action == "renew"), request => Assert.Equal(200, request.Status));
        Assert.Null(await AcquireAsync());
    }

    [Fact]
    public async Task DisposeAsync_Held_StopsRenewing()
    {
        var sut = await AcquireAsync();
        Assert.NotNull(sut);
        await RenewalWaitsOnTheClockAsync();
        time.Advance(Interval);
        await WaitUntilAsync(() => leaseRequests.Count("renew") == 1);

        await sut.DisposeAsync().AsTask().WaitAsync(Bound);
        var fired = time.FiredTimers;
        time.Advance(TimeSpan.FromMinutes(1));

        // Nothing waits on the clock any more and a minute on it woke nothing, so nothing can renew: no need to wait and see.
        Assert.Equal(0, time.WaitingTimers);
        Assert.Equal(fired, time.FiredTimers);
        Assert.Equal(1, leaseRequests.Count("renew"));
        Assert.Contains(("release", 200), leaseRequests.All);
    }

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Category", "RealClock")]
    public async Task TryAcquireAsync_HeldLongerThanTheLeaseDuration_StaysHeld()
    {
        // The real clock is the point: Azurite expires a lease that is not renewed after its 15 s (the shortest a
        // blob lease can be) on its own clock, which no fake clock moves. A second past that is enough.
        await using var sut = await BackupLease.TryAcquireAsync(archives, Database, Duration, TimeProvider.System, CancellationToken.None);
        Assert.NotNull(sut);

        await Task.Delay(Duration + TimeSpan.FromSeconds(1));

        Assert.Null(await BackupLease.TryAcquireAsync(archives, Database, Duration, TimeProvider.System, CancellationToken.None));
    }

    private Task<BackupLease?> AcquireAsync() => BackupLease.TryAcquireAsync(archives, Database, Duration, time, CancellationToken.None);

    /// <summary>Until the renewal loop waits on the fake clock for its next renewal (a signal the lease gives by arming a timer).</summary>
    private Task RenewalWaitsOnTheClockAsync() => WaitUntilAsync(() => time.WaitingTimers == 1);

    // Waits for a condition, not a duration: the bound only stops a broken test from hanging.
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var bound = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(5, bound.Token);
        }
    }
}

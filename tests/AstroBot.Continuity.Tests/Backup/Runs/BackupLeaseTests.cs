using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>Real leases on Azurite, a blob container per test; renewal paced by a fake clock that says what waits on it.</summary>
public sealed class BackupLeaseTests : IAsyncLifetime
{
    private const string Database = "astrobot";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Interval = Duration / 3;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly LeaseRequests leaseRequests = new();
    private readonly FailingRenewals failingRenewals = new();
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private readonly WatchedClock time = new(Start);
    private BlobContainerClient archives = null!;

    public async Task InitializeAsync()
    {
        var options = leaseRequests.ClientOptions();
        options.AddPolicy(failingRenewals, HttpPipelinePosition.PerRetry);
        options.Retry.MaxRetries = 0; // a refused renewal is seen as the lease sees it, without the SDK's back-off on the wall clock
        archives = new BlobServiceClient(EmulatorEndpoints.StorageConnectionString, options)
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
        Assert.False(sut.Lost.IsCancellationRequested);
        Assert.Null(sut.LostBecause);
    }

    [Fact]
    public async Task Lost_LeaseBrokenByAnotherClient_FiresAtTheNextRenewal()
    {
        await using var sut = await AcquireAsync();
        Assert.NotNull(sut);

        await LockLease().BreakAsync(TimeSpan.Zero);
        Assert.False(sut.Lost.IsCancellationRequested); // nothing has asked the service yet
        await RenewalWaitsOnTheClockAsync();
        time.Advance(Interval);
        await WaitUntilAsync(() => sut.Lost.IsCancellationRequested);

        Assert.Contains(("renew", 409), leaseRequests.All);
        Assert.Contains("refused (409", sut.LostBecause, StringComparison.Ordinal);
        Assert.Contains("broken, or another client holds it", sut.LostBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lost_LeaseTakenOverByAnotherClient_FiresAtTheNextRenewal()
    {
        await using var sut = await AcquireAsync();
        Assert.NotNull(sut);
        await LockLease().BreakAsync(TimeSpan.Zero);
        var other = LockLease();
        await other.AcquireAsync(Duration);

        await RenewalWaitsOnTheClockAsync();
        time.Advance(Interval);
        await WaitUntilAsync(() => sut.Lost.IsCancellationRequested);

        Assert.Contains(("renew", 409), leaseRequests.All);
        Assert.Contains("refused (409", sut.LostBecause, StringComparison.Ordinal);
        await other.ReleaseAsync();
    }

    [Fact]
    public async Task Lost_RenewalsFailTransiently_FiresOnlyOnceTheLeaseMayHaveLapsed()
    {
        await using var sut = await AcquireAsync();
        Assert.NotNull(sut);
        failingRenewals.Failing = true;

        for (var failures = 1; failures <= 2; failures++)
        {
            await RenewalWaitsOnTheClockAsync();
            time.Advance(Interval);
            await WaitUntilAsync(() => failingRenewals.Failed == failures);
            Assert.False(sut.Lost.IsCancellationRequested);
        }

        await RenewalWaitsOnTheClockAsync();
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(sut.Lost.IsCancellationRequested); // the lapse deadline fires inside Advance: not yet due
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(sut.Lost.IsCancellationRequested);
        Assert.Contains("no renewal succeeded for 15 s", sut.LostBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lost_OneRenewalFailsTransiently_StaysHeldPastTheFirstDeadline()
    {
        await using var sut = await AcquireAsync();
        Assert.NotNull(sut);
        failingRenewals.Failing = true;
        await RenewalWaitsOnTheClockAsync();
        time.Advance(Interval);
        await WaitUntilAsync(() => failingRenewals.Failed == 1);
        failingRenewals.Failing = false;
        await RenewalWaitsOnTheClockAsync();
        time.Advance(Interval);
        await WaitUntilAsync(() => leaseRequests.Count("renew") == 1);

        // Past the deadline the acquisition set (one lease duration): the renewal that succeeded pushed it back.
        await RenewalWaitsOnTheClockAsync();
        time.Advance(Interval);
        await WaitUntilAsync(() => leaseRequests.Count("renew") == 2);

        Assert.False(sut.Lost.IsCancellationRequested);
        Assert.Equal(3 * Interval, time.GetUtcNow() - Start);
    }

    [Fact]
    public async Task ConfirmAsync_Held_RenewsAndReturns()
    {
        await using var sut = await AcquireAsync();
        Assert.NotNull(sut);

        await sut.ConfirmAsync(CancellationToken.None);

        Assert.Equal(1, leaseRequests.Count("renew"));
        Assert.Contains(("renew", 200), leaseRequests.All);
        Assert.False(sut.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task ConfirmAsync_LeaseBroken_LosesItAtOnce()
    {
        await using var sut = await AcquireAsync();
        Assert.NotNull(sut);
        await LockLease().BreakAsync(TimeSpan.Zero);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sut.ConfirmAsync(CancellationToken.None));

        Assert.True(sut.Lost.IsCancellationRequested);
        Assert.Equal(0, time.FiredTimers); // found by asking, not by a renewal on the clock
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
        Assert.False(sut.Lost.IsCancellationRequested);
    }

    private Task<BackupLease?> AcquireAsync() => BackupLease.TryAcquireAsync(archives, Database, Duration, time, CancellationToken.None);

    /// <summary>Another client's handle on the lock blob's lease (its own lease id).</summary>
    private BlobLeaseClient LockLease() => archives.GetBlobClient(BackupLayout.Lock(Database)).GetBlobLeaseClient();

    /// <summary>
    /// Until the renewal loop waits on the fake clock for its next renewal (a signal the lease gives by arming a
    /// timer): two timers, that delay and the lapse deadline, which lives as long as the lease.
    /// </summary>
    private Task RenewalWaitsOnTheClockAsync() => time.WhenAsync(clock => clock.WaitingTimers == 2, Bound);

    // Waits for what a test policy counts or the lease reports (no signal of their own), not a duration.
    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.HoldsAsync(condition, Bound);
}

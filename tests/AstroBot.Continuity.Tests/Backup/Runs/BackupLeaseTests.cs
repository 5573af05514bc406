using System.Diagnostics;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>Real leases on Azurite, a blob container per test; renewal paced by a fake clock.</summary>
public sealed class BackupLeaseTests : IAsyncLifetime
{
    private const string Database = "astrobot";
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    private readonly LeaseRequests leaseRequests = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 27, 2, 0, 0, TimeSpan.Zero));
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

        // Past the lease's own duration on the clock that paces the renewals.
        var renewed = await AdvanceUntilAsync(() => leaseRequests.Count("renew") >= 3, limit: TimeSpan.FromSeconds(30));

        Assert.True(renewed <= TimeSpan.FromSeconds(20), $"three renewals took {renewed}");
        Assert.All(leaseRequests.All.Where(request => request.Action == "renew"), request => Assert.Equal(200, request.Status));
        Assert.Null(await AcquireAsync());
    }

    [Fact]
    public async Task DisposeAsync_Held_StopsRenewing()
    {
        var sut = await AcquireAsync();
        Assert.NotNull(sut);
        await AdvanceUntilAsync(() => leaseRequests.Count("renew") >= 1, limit: TimeSpan.FromSeconds(30));

        await sut.DisposeAsync();
        var renewals = leaseRequests.Count("renew");
        time.Advance(TimeSpan.FromMinutes(1));
        await Task.Delay(200);

        Assert.Equal(renewals, leaseRequests.Count("renew"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task TryAcquireAsync_HeldLongerThanTheLeaseDuration_StaysHeld()
    {
        // The real clock, once: Azurite expires a lease that is not renewed after its 15 s.
        await using var sut = await BackupLease.TryAcquireAsync(archives, Database, Duration, TimeProvider.System, CancellationToken.None);
        Assert.NotNull(sut);

        await Task.Delay(Duration + TimeSpan.FromSeconds(2));

        Assert.Null(await BackupLease.TryAcquireAsync(archives, Database, Duration, TimeProvider.System, CancellationToken.None));
    }

    private Task<BackupLease?> AcquireAsync() => BackupLease.TryAcquireAsync(archives, Database, Duration, time, CancellationToken.None);

    /// <summary>Advances the fake clock a second at a time, letting the renewals reach Azurite, until <paramref name="done"/>.</summary>
    private async Task<TimeSpan> AdvanceUntilAsync(Func<bool> done, TimeSpan limit)
    {
        var advanced = TimeSpan.Zero;
        var deadline = Stopwatch.StartNew();
        while (!done())
        {
            Assert.True(advanced < limit && deadline.Elapsed < TimeSpan.FromSeconds(20), $"not done after {advanced} on the fake clock");
            time.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
            var settle = Stopwatch.StartNew();
            while (!done() && settle.ElapsedMilliseconds < 100)
            {
                await Task.Delay(10);
            }
        }

        return advanced;
    }
}

using AstroBot.Continuity.Recovery.Drills;
using AstroBot.Continuity.Recovery.Drills.Restore;
using AstroBot.Continuity.Tests.Backup;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Recovery.Drills;

/// <summary>The restore drill on the real in-process Durable Task engine against the emulators, and its faults.</summary>
public sealed class RestoreDrillTests : IAsyncLifetime
{
    private readonly BackupHarness harness = new();

    public Task InitializeAsync() => harness.InitializeAsync();

    public Task DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Drill_FullBackup_PassesWithMatchingChecksumsAndDropsTheScratchDatabase()
    {
        var full = await harness.RunFullAsync();
        await using var host = await new DrillHost(harness).StartAsync();

        var record = await host.RunAsync(DrillKind.Restore);

        Assert.True(record.State == DrillState.Passed, record.Summary);
        Assert.Equal(full.BackupId, record.Facts["backups"]);
        Assert.Equal(harness.TotalItems.ToString(System.Globalization.CultureInfo.InvariantCulture), record.Facts["items_restored"]);
        Assert.True(record.Rto > TimeSpan.Zero && record.Rto <= record.CompletedAt - record.StartedAt);
        Assert.True(record.Rpo >= TimeSpan.Zero);
        Assert.False(await host.ScratchDatabaseLeftAsync());
        Assert.Null(await host.History.TryLockAsync("next", CancellationToken.None)); // the lock was released
    }

    [Fact]
    public async Task Drill_NoBackup_FailsWithTheReasonAndReleasesTheLock()
    {
        await using var host = await new DrillHost(harness).StartAsync();

        var record = await host.RunAsync(DrillKind.Restore);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Contains("has no committed full backup to drill on", record.Error, StringComparison.Ordinal);
        Assert.Equal("plan", Assert.Single(record.Steps).Name);
        Assert.Null(record.Rto);
        Assert.NotNull((await host.StartAsync(DrillKind.Restore)).Started);
    }

    [Fact]
    public async Task Drill_CorruptedChunk_FailsNamingTheChunkAndStillDropsTheScratchDatabase()
    {
        var full = await harness.RunFullAsync();
        var archive = new BackupArchive(harness, full.BackupId);
        var chunk = await archive.SomeChunkAsync("readings");
        await archive.CorruptAsync(chunk.Name);
        await using var host = await new DrillHost(harness).StartAsync();

        var record = await host.RunAsync(DrillKind.Restore);

        Assert.Equal(DrillState.Failed, record.State);
        Assert.Contains(chunk.Name, record.Error, StringComparison.Ordinal);
        Assert.Contains(record.Steps, step => step is { Name: "drop the scratch database", Succeeded: true });
        Assert.False(await host.ScratchDatabaseLeftAsync());
    }

    [Fact]
    public async Task Drill_ObjectiveTighterThanTheRestore_IsRecordedAsMissed()
    {
        await harness.RunFullAsync();
        await using var host = await new DrillHost(harness).StartAsync(new Dictionary<string, string?> { ["Recovery:Objectives:DataCorruption:Rto"] = "00:00:00.001" });

        var record = await host.RunAsync(DrillKind.Restore);

        Assert.Equal(DrillState.MissedObjective, record.State);
        Assert.Equal(TimeSpan.FromMilliseconds(1), record.Objective.Rto);
        Assert.Equal(TimeSpan.FromMinutes(5), record.Objective.Rpo); // the default of the scenario's other objective stays
        Assert.Contains("missed its objective", record.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ScratchDatabaseExists_IsRefusedAndTheDatabaseIsLeftAlone()
    {
        await harness.RunFullAsync();
        await using var host = await new DrillHost(harness).StartAsync();
        var started = (await host.Services.GetRequiredService<DrillGate>().EnterAsync(DrillKind.Restore, "test", null, CancellationToken.None)).Started!;
        var existing = host.ScratchPrefix + started.DrillId;
        await harness.Database.Client.CreateDatabaseAsync(existing);
        try
        {
            var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Services.GetRequiredService<RestoreDrill>().PlanAsync(new DrillStart(started.DrillId, DrillKind.Restore), CancellationToken.None));

            Assert.Contains($"'{existing}' exists already", error.Message, StringComparison.Ordinal);
            using var read = await harness.Database.Client.GetDatabase(existing).ReadStreamAsync();
            Assert.True(read.IsSuccessStatusCode);
        }
        finally
        {
            await harness.DropDatabaseAsync(existing);
        }
    }

    [Fact]
    public async Task CompareSample_RestoredItemDiffersFromTheLiveOne_CountsIt()
    {
        await using var host = await new DrillHost(harness).StartAsync(new Dictionary<string, string?> { ["Recovery:SampleSize"] = "1000" });
        var scratch = harness.NewDatabaseName();
        await harness.Restore().RunToCompletionAsync(
            new() { TargetDatabase = scratch, BackupId = (await harness.RunFullAsync()).BackupId }, null, CancellationToken.None);
        var accounts = harness.Container(scratch, "accounts");
        var user = harness.Users[0];
        using (var read = await accounts.ReadItemStreamAsync(user.Account.Id, new PartitionKey(user.WaId)))
        {
            var changed = System.Text.Json.Nodes.JsonNode.Parse(read.Content)!;
            changed["garbled"] = true;
            using var written = await accounts.UpsertItemStreamAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(changed.ToJsonString())), new PartitionKey(user.WaId));
            written.EnsureSuccessStatusCode();
        }

        var drill = host.Services.GetRequiredService<RestoreDrill>();

        var sample = await drill.CompareSampleAsync(new SampleRequest(scratch, "accounts", DateTimeOffset.UtcNow.AddMinutes(1)), CancellationToken.None);
        var none = await drill.CompareSampleAsync(new SampleRequest(scratch, "accounts", DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.Equal(harness.Users.Count, sample.Compared);
        Assert.Equal(1, sample.Differing);
        Assert.Equal(0, none.Compared); // nothing live was last changed before the epoch
    }
}

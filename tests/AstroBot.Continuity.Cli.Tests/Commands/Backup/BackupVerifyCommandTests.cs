using System.Text.Json;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Commands.Backup;

public sealed class BackupVerifyCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public Task DisposeAsync() => cli.DisposeAsync();

    [Fact]
    public async Task Invoke_DeepThenACorruptedChunk_ExitsOneNamingTheBackupAndTheChunk()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();
        var valid = await cli.InvokeAsync("backup", "verify", "--deep");
        valid.AssertExitCode(0);
        await FlipAByteAsync($"{cli.Database}/{backupId}/chunks/accounts/000000.chunk");

        var run = await cli.InvokeAsync("backup", "verify", backupId, "--deep");

        run.AssertExitCode(1);
        Assert.Contains($"Backup {backupId}", run.Out, StringComparison.Ordinal);
        Assert.Contains("chunk chunks/accounts/000000.chunk", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_DeepJson_CountsEveryItem()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();

        var run = await cli.InvokeAsync("backup", "verify", backupId, "--deep", "--json");

        run.AssertExitCode(0);
        var report = run.Json();
        Assert.True(report.GetProperty("is_valid").GetBoolean());
        Assert.Equal(cli.SeededItems, report.GetProperty("items_checked").GetInt64());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("replication").ValueKind);
    }

    [Fact]
    [Trait("Category", "RealClock")]
    public async Task Invoke_SecondaryJson_SaysTheBackupHasReplicatedInItsDocumentedShape()
    {
        await cli.SeedAsync();
        var backupId = await cli.BackupAsync();
        // The real clock is the point: Azurite reports its own time, truncated to the second, as the secondary's last
        // sync, and no fake clock moves it. So wait until it has passed the backup's completion (under a second), not a fixed time.
        await SecondarySyncedAfterAsync(backupId);

        var run = await cli.InvokeAsync("backup", "verify", "--secondary", "--json");

        run.AssertExitCode(0);
        var report = run.Json();
        Assert.True(report.GetProperty("from_secondary").GetBoolean());
        Assert.True(report.GetProperty("replication").GetProperty("replicated").GetBoolean());
        Snapshot.Matches("backup-verify.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_SecondaryWithoutASecondaryEndpoint_ExitsTwoNamingTheSetting()
    {
        cli.Settings["Backup:SecondaryBlobEndpoint"] = "";

        var run = await cli.InvokeAsync("backup", "verify", "--secondary");

        run.AssertExitCode(2);
        Assert.Contains("Backup:SecondaryBlobEndpoint", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownBackup_ExitsTwo()
    {
        var run = await cli.InvokeAsync("backup", "verify", "20261127T020000Z-full-1a2b3c4d");

        run.AssertExitCode(2);
        Assert.Contains("is not in the catalog", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NotABackupId_ExitsTwoShowingWhatOneLooksLike()
    {
        var run = await cli.InvokeAsync("backup", "verify", "yesterday");

        run.AssertExitCode(2);
        Assert.Contains("ids look like 20261127T020000Z-full-1a2b3c4d", run.Error, StringComparison.Ordinal);
    }

    private async Task SecondarySyncedAfterAsync(string backupId)
    {
        await using var services = cli.BuildServices();
        var completed = (await services.GetRequiredService<BackupCatalog>().FindAsync(cli.Database, backupId, CancellationToken.None))?.CompletedAt;
        Assert.NotNull(completed);
        var replication = services.GetRequiredService<GeoReplication>();
        // Azurite's own clock moves its secondary's last sync time: polled for that event, bounded.
        await Eventually.HoldsAsync(async token => await replication.LastSyncTimeAsync(token) is { } synced && synced >= completed, TimeSpan.FromSeconds(10));
    }

    private async Task FlipAByteAsync(string blobName)
    {
        var blob = cli.Archives.GetBlobClient(blobName);
        var content = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        content[content.Length / 2] ^= 0xFF;
        await blob.UploadAsync(new BinaryData(content), overwrite: true);
    }
}

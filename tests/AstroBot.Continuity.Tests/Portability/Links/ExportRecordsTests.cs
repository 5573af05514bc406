using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Tests.Portability.Links;

[Trait("Category", "Emulators")]
public sealed class ExportRecordsTests : IAsyncLifetime
{
    private const string WaId = "15550001111";
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 8, 0, 0, TimeSpan.Zero);

    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private readonly PortabilityOptions options = new() { ExportTableName = EmulatorEndpoints.UniqueName("exportrows") };
    private ExportRecords sut = null!;

    public Task InitializeAsync()
    {
        sut = new ExportRecords(storage, Options.Create(options));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await storage.Tables.DeleteTableAsync(options.ExportTableName);

    [Fact]
    public async Task RequestAsync_AnExportThatIsReady_StaysReady()
    {
        await sut.RequestAsync(WaId, "20270115", Now, CancellationToken.None);
        await sut.MarkReadyAsync(WaId, "20270115", "a/b.zip", Now, Now.AddDays(1), CancellationToken.None);

        await sut.RequestAsync(WaId, "20270115", Now.AddMinutes(5), CancellationToken.None);

        var record = await sut.GetAsync(WaId, "20270115", CancellationToken.None);
        Assert.Equal(new ExportRecord("20270115", ExportState.Ready, Now, "a/b.zip", Now, Now.AddDays(1)), record);
        Assert.True(record!.IsDownloadable(Now));
        Assert.False(record.IsDownloadable(Now.AddDays(1)));
    }

    [Fact]
    public async Task RequestAsync_AnExportThatFailed_IsRequestedAgain()
    {
        await sut.RequestAsync(WaId, "20270115", Now, CancellationToken.None);
        await sut.MarkFailedAsync(WaId, "20270115", CancellationToken.None);

        await sut.RequestAsync(WaId, "20270115", Now.AddHours(1), CancellationToken.None);

        var record = await sut.GetAsync(WaId, "20270115", CancellationToken.None);
        Assert.Equal((ExportState.Requested, Now.AddHours(1)), (record!.State, record.RequestedAt));
    }

    [Fact]
    public async Task MarkReadyAsync_RowDeletedMeanwhile_ReportsItAndRecreatesNothing()
    {
        await sut.RequestAsync(WaId, "20270115", Now, CancellationToken.None);
        await sut.DeleteAsync(WaId, "20270115", CancellationToken.None);

        Assert.False(await sut.MarkReadyAsync(WaId, "20270115", "a/b.zip", Now, Now.AddDays(1), CancellationToken.None));
        Assert.Empty(await sut.ListAsync(WaId, CancellationToken.None));
    }

    [Fact]
    public async Task Table_Rows_AreKeyedByTheUserReferenceNeverThePhoneNumber()
    {
        await sut.RequestAsync(WaId, "20270115", Now, CancellationToken.None);

        await foreach (var row in storage.Tables.GetTableClient(options.ExportTableName).QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            Assert.Equal(Continuity.Crypto.UserReferences.For(WaId), row.PartitionKey);
            Assert.DoesNotContain(row, pair => pair.Value?.ToString()?.Contains(WaId, StringComparison.Ordinal) == true);
        }
    }
}

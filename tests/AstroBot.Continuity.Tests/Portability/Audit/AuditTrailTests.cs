using System.Text.Json.Nodes;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Storage;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Portability.Audit;

/// <summary>Against Azurite, each test with its own table.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private const string WaId = "15550002222";
    private const string OtherWaId = "15550003333";
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);

    private readonly string tableName = EmulatorEndpoints.UniqueName("audit");
    private readonly StorageClients storage = new(Options.Create(new StorageOptions { ConnectionString = EmulatorEndpoints.StorageConnectionString }));
    private readonly FakeTimeProvider time = new(Start);
    private AuditTrail sut = null!;

    public Task InitializeAsync()
    {
        sut = new AuditTrail(storage, Options.Create(new PortabilityOptions { AuditTableName = tableName }), time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await storage.Tables.DeleteTableAsync(tableName);

    [Fact]
    public async Task ListAsync_NoTableYet_IsEmpty()
    {
        Assert.Empty(await sut.ListAsync(WaId, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_ThreeEvents_ListsThemOldestFirstWithWireNames()
    {
        await sut.RecordAsync(WaId, AuditEvent.ExportRequested, AuditChannel.WhatsApp, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await sut.RecordAsync(WaId, AuditEvent.ExportLinkCreated, AuditChannel.WhatsApp, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));
        await sut.RecordAsync(WaId, AuditEvent.ExportDownloaded, AuditChannel.Operator, CancellationToken.None);

        var records = await sut.ListAsync(WaId, CancellationToken.None);

        Assert.Equal(["export_requested", "export_link_created", "export_downloaded"], records.Select(record => (string?)record["event"]));
        Assert.Equal(["whatsapp", "whatsapp", "operator"], records.Select(record => (string?)record["channel"]));
        Assert.Equal(
            ["2026-12-03T07:00:00.0000000+00:00", "2026-12-03T07:00:01.0000000+00:00", "2026-12-03T09:00:01.0000000+00:00"],
            records.Select(record => (string?)record["at"]));
        Assert.All(records, record => Assert.Matches("^[0-9]{19}-[0-9a-f]{8}$", (string?)record["id"]));
    }

    [Fact]
    public async Task RecordAsync_Always_KeysRowsByThePseudonymNeverThePhoneNumber()
    {
        await sut.RecordAsync(WaId, AuditEvent.ExportRequested, AuditChannel.WhatsApp, CancellationToken.None);

        var rows = new List<TableEntity>();
        await foreach (var row in storage.Tables.GetTableClient(tableName).QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        var stored = Assert.Single(rows);
        Assert.Equal(UserReferences.For(WaId), stored.PartitionKey);
        Assert.DoesNotContain(stored, property => property.Value?.ToString()?.Contains(WaId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ImportAsync_SameRecordsTwice_KeepsOneCopyUnderTheirIds()
    {
        JsonObject[] records =
        [
            new() { ["id"] = "0638999999999999999-0a0b0c0d", ["event"] = "export_requested", ["channel"] = "whatsapp", ["at"] = "2026-11-30T10:00:00.0000000+00:00" },
            new() { ["id"] = "0639000000000000000-0a0b0c0e", ["event"] = "export_downloaded", ["channel"] = "operator", ["at"] = "2026-11-30T11:00:00.0000000+00:00" },
        ];

        await sut.ImportAsync(WaId, records, CancellationToken.None);
        await sut.ImportAsync(WaId, records, CancellationToken.None);

        Assert.Equal(records.Select(record => record.ToJsonString()), (await sut.ListAsync(WaId, CancellationToken.None)).Select(record => record.ToJsonString()));
    }

    [Fact]
    public async Task DeleteAllAsync_UserWithRecords_RemovesOnlyTheirs()
    {
        await sut.RecordAsync(WaId, AuditEvent.ExportRequested, AuditChannel.WhatsApp, CancellationToken.None);
        await sut.RecordAsync(WaId, AuditEvent.ExportDownloaded, AuditChannel.WhatsApp, CancellationToken.None);
        await sut.RecordAsync(OtherWaId, AuditEvent.ExportRequested, AuditChannel.Operator, CancellationToken.None);

        var deleted = await sut.DeleteAllAsync(WaId, CancellationToken.None);

        Assert.Equal(2, deleted);
        Assert.Empty(await sut.ListAsync(WaId, CancellationToken.None));
        Assert.Single(await sut.ListAsync(OtherWaId, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAllAsync_NoTableYet_DeletesNothing()
    {
        Assert.Equal(0, await sut.DeleteAllAsync(WaId, CancellationToken.None));
    }
}

using System.Text;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Data.Documents;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Portability.Export;

/// <summary>Against the Cosmos DB emulator and Azurite; the seeded database is shared and only read.</summary>
public sealed class UserExporterTests(PortabilityHarness harness) : IClassFixture<PortabilityHarness>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 14, 15, 16, TimeSpan.Zero);

    [Fact]
    public async Task ExportAsync_EverySeededUser_HoldsAllTheirItemsFromEveryContainer()
    {
        var live = await harness.AllItemsAsync(harness.DatabaseName);
        var sut = Exporter();

        foreach (var user in harness.Users)
        {
            var export = await sut.ExportAsync(user.WaId, CancellationToken.None);

            Assert.Equal(user.WaId, export.Data.WaId);
            Assert.Equal(user.Documents.Count(), export.Data.ItemCount);
            foreach (var container in BotDataModel.Containers)
            {
                Assert.Equal(
                    live[container.Name].Where(item => PortabilityHarness.Belongs(item, user.WaId)),
                    export.Data.ItemsOf(container.Name).Select(item => item.ToJsonString()).Order(StringComparer.Ordinal));
            }

            var data = TestExports.JsonEntry(export.Archive, ExportArchive.DataFile);
            ExportSchema.Validate(data);
            Assert.Equal(user.Messages.Count, data["messages"]!.AsArray().Count);
            Assert.Equal(user.Account.Id, (string?)data["account"]!["id"]);
        }
    }

    [Fact]
    public async Task ExportAsync_CompatibilityReadingAboutAnotherUser_NeverIncludesThatUsersData()
    {
        var (user, reading) = harness.Users
            .SelectMany(candidate => candidate.Readings.Select(reading => (User: candidate, Reading: reading)))
            .First(pair => pair.Reading.Kind == ReadingKind.Compatibility && pair.Reading.PartnerWaId is { } partner && partner != pair.User.WaId);
        var partner = harness.Users.Single(candidate => candidate.WaId == reading.PartnerWaId);
        Assert.Equal(partner.Profiles[0].Id, reading.PartnerProfileId);

        var sut = await Exporter().ExportAsync(user.WaId, CancellationToken.None);

        var data = TestExports.JsonEntry(sut.Archive, ExportArchive.DataFile);
        var records = ExportDocument.Collections
            .SelectMany(collection => data[collection.Property] switch
            {
                JsonArray items => items.OfType<JsonObject>(),
                JsonObject one => [one],
                _ => [],
            })
            .ToList();
        Assert.All(records, record => Assert.Equal(user.WaId, (string?)record["wa_id"]));
        var exported = data["readings"]!.AsArray().Single(item => (string?)item!["id"] == reading.Id)!;
        Assert.Equal((partner.WaId, partner.Profiles[0].Id), ((string?)exported["partner_wa_id"], (string?)exported["partner_profile_id"]));
        Assert.DoesNotContain(partner.Profiles[0].Id, data["profiles"]!.AsArray().Select(profile => (string?)profile!["id"]));
        var everyFile = string.Join("\n", TestExports.Unzip(sut.Archive).Select(entry => Encoding.UTF8.GetString(entry.Content)));
        foreach (var theirs in partner.Documents.Where(document => document is not AccountDocument and not PreferencesDocument && document.Id != partner.Profiles[0].Id))
        {
            Assert.DoesNotContain(theirs.Id, everyFile, StringComparison.Ordinal);
        }

        Assert.DoesNotContain($"\"wa_id\": \"{partner.WaId}\"", everyFile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_UserWithAuditRecords_IncludesThemOldestFirstInEveryForm()
    {
        var user = harness.Users[2];
        var other = harness.Users[3];
        var time = new FakeTimeProvider(Now.AddHours(-1));
        var services = OwnAuditTable(time);
        var audit = services.GetRequiredService<AuditTrail>();
        await audit.RecordAsync(user.WaId, AuditEvent.ExportRequested, AuditChannel.WhatsApp, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(5));
        await audit.RecordAsync(user.WaId, AuditEvent.ExportLinkCreated, AuditChannel.WhatsApp, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        await audit.RecordAsync(user.WaId, AuditEvent.ExportDownloaded, AuditChannel.Operator, CancellationToken.None);
        await audit.RecordAsync(other.WaId, AuditEvent.ExportRequested, AuditChannel.Operator, CancellationToken.None);

        var sut = await services.GetRequiredService<UserExporter>().ExportAsync(user.WaId, CancellationToken.None);

        Assert.Equal(["export_requested", "export_link_created", "export_downloaded"], sut.Data.Audit.Select(record => (string?)record["event"]));
        Assert.Equal(["whatsapp", "whatsapp", "operator"], sut.Data.Audit.Select(record => (string?)record["channel"]));
        Assert.Equal(Now.AddHours(-1), DateTimeOffset.Parse((string)sut.Data.Audit[0]["at"]!, System.Globalization.CultureInfo.InvariantCulture));
        var data = TestExports.JsonEntry(sut.Archive, ExportArchive.DataFile);
        Assert.Equal(3, data["audit"]!.AsArray().Count);
        Assert.Equal(sut.Data.Audit.Select(record => (string?)record["id"]), Csv.Rows(TestExports.TextEntry(sut.Archive, "audit.csv")).Select(row => row["id"]));
        Assert.Contains("<td>export_downloaded</td><td>operator</td>", TestExports.TextEntry(sut.Archive, ExportArchive.PageFile), StringComparison.Ordinal);
        ExportSchema.Validate(data);
    }

    [Fact]
    public async Task ExportAsync_Always_DatesTheExportFromTheTimeProvider()
    {
        var services = OwnAuditTable(new FakeTimeProvider(Now));

        var sut = await services.GetRequiredService<UserExporter>().ExportAsync(harness.Users[0].WaId, CancellationToken.None);

        Assert.Equal(Now, sut.GeneratedAt);
        Assert.Equal("2026-12-02T14:15:16.0000000+00:00", (string?)TestExports.JsonEntry(sut.Archive, ExportArchive.DataFile)["generated_at"]);
        Assert.Equal("2026-12-02T14:15:16.0000000+00:00", (string?)TestExports.JsonEntry(sut.Archive, ExportArchive.ManifestFile)["generated_at"]);
    }

    [Fact]
    public async Task ExportAsync_UnknownUser_IsAnEmptyExportThatStillValidates()
    {
        var sut = await Exporter().ExportAsync("15550000001", CancellationToken.None);

        Assert.Equal(0, sut.Data.ItemCount);
        Assert.Empty(sut.Data.Audit);
        var data = TestExports.JsonEntry(sut.Archive, ExportArchive.DataFile);
        Assert.Null(data["account"]);
        ExportSchema.Validate(data);
        Assert.Equal("15550000001", ImportArchiveReader.Read(new MemoryStream(sut.Archive), ArchiveLimits.Default).WaId);
    }

    [Fact]
    public async Task ExportAsync_BlankUser_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Exporter().ExportAsync(" ", CancellationToken.None));
    }

    private UserExporter Exporter() => harness.Services().GetRequiredService<UserExporter>();

    private IServiceProvider OwnAuditTable(TimeProvider time) => harness.Services(
        new Dictionary<string, string?> { ["Portability:AuditTableName"] = harness.Table("pauditx") },
        services => services.AddSingleton(time));
}

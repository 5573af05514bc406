using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.Portability.Import;

/// <summary>Export from database A, import into an empty database B, export from B: the same data.json.</summary>
public sealed class RoundTripTests(PortabilityHarness harness) : IClassFixture<PortabilityHarness>
{
    [Fact]
    public async Task ExportImportExport_UserWithAuditRecords_GivesTheSameDataJsonApartFromGeneratedAt()
    {
        await AssertRoundTripAsync(harness.Users[0], auditRecords: 3);
    }

    [Fact]
    public async Task ExportImportExport_UserWithACompatibilityReadingAboutAnotherUser_GivesTheSameDataJson()
    {
        var user = harness.Users.First(candidate => candidate.Readings.Any(reading => reading.PartnerWaId is { } partner && partner != candidate.WaId));

        await AssertRoundTripAsync(user, auditRecords: 1);
    }

    [Fact]
    public async Task ExportImportExport_UserWithAnUnknownBirthTimeOrSeveralProfiles_GivesTheSameDataJson()
    {
        var user = harness.Users.FirstOrDefault(candidate => candidate.Profiles.Any(profile => profile.BirthTime == "unknown"))
            ?? harness.Users.MaxBy(candidate => candidate.Profiles.Count)!;

        await AssertRoundTripAsync(user, auditRecords: 0);
    }

    private async Task AssertRoundTripAsync(UserDataSet user, int auditRecords)
    {
        // One fake clock for both databases' services: the second export is made an hour after the first on it.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        void OnTheFakeClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(time);
        var source = harness.Services(new Dictionary<string, string?> { ["Portability:AuditTableName"] = harness.Table("pauditrt") }, OnTheFakeClock);
        var trail = source.GetRequiredService<AuditTrail>();
        for (var index = 0; index < auditRecords; index++)
        {
            await trail.RecordAsync(user.WaId, (AuditEvent)(index % 3), index % 2 == 0 ? AuditChannel.WhatsApp : AuditChannel.Operator, CancellationToken.None);
        }

        // Known by number and BSUID, as the identity directory records people: the identifiers travel too.
        var bsuid = "US." + user.WaId.PadLeft(20, '0');
        await source.GetRequiredService<IdentityResolver>().ResolveAsync(new UserIdentifiers(user.WaId, bsuid), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        var first = await source.GetRequiredService<UserExporter>().ExportAsync(user.WaId, CancellationToken.None);
        var (_, target) = await harness.EmptyDatabaseAsync(OnTheFakeClock);
        var archive = ImportArchiveReader.Read(new MemoryStream(first.Archive), ArchiveLimits.Default);
        var report = await target.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(ForUser: user.WaId), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(1));

        var second = await target.GetRequiredService<UserExporter>().ExportAsync(user.WaId, CancellationToken.None);

        Assert.Equal(user.Documents.Count(), report.Created);
        Assert.Equal(auditRecords, second.Data.Audit.Count);
        var before = TestExports.JsonEntry(first.Archive, ExportArchive.DataFile);
        var after = TestExports.JsonEntry(second.Archive, ExportArchive.DataFile);
        Assert.Equal("2026-12-01T09:00:00.0000000+00:00", (string?)before["generated_at"]);
        Assert.Equal("2026-12-01T10:00:00.0000000+00:00", (string?)after["generated_at"]);
        Assert.Equal(TestExports.WithoutGeneratedAt(before), TestExports.WithoutGeneratedAt(after));
        Assert.Equal(2, after["identifiers"]!.AsArray().Count);
        Assert.Equal(user.WaId, (await target.GetRequiredService<IdentityLookup>().FindAsync(bsuid, CancellationToken.None))?.UserKey);
    }
}

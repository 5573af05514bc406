using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Identity;
using AstroBot.Continuity.Local.Data.Seed;
using AstroBot.Continuity.Portability.Audit;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Tests.Portability.Import;

/// <summary>
/// Against the Cosmos DB emulator and Azurite: archives are real exports of the shared seeded database (only read),
/// and every test imports into an empty database of its own.
/// </summary>
public sealed class UserImporterTests(PortabilityHarness harness) : IClassFixture<PortabilityHarness>
{
    private const string NewNumber = "15559990000";

    [Fact]
    public async Task ImportAsync_EmptyDatabase_CreatesEveryRecordAndTheAuditTrail()
    {
        var user = harness.Users[0];
        var archive = await ArchiveOfAsync(user);
        var (database, services) = await harness.EmptyDatabaseAsync();

        var sut = await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        Assert.Equal((user.WaId, false), (sut.WaId, sut.DryRun));
        Assert.Equal(user.Documents.Count(), sut.Created);
        Assert.All(sut.Changes, change => Assert.Equal(ImportAction.Create, change.Action));
        Assert.Equal(2, sut.AuditRecords);
        var source = await harness.AllItemsAsync(harness.DatabaseName);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.Equal(source[container.Name].Where(item => PortabilityHarness.Belongs(item, user.WaId)), await harness.ItemsAsync(database, container.Name));
        }

        var audit = await services.GetRequiredService<AuditTrail>().ListAsync(user.WaId, CancellationToken.None);
        Assert.Equal(archive.Data["audit"]!.AsArray().Select(record => record!.ToJsonString()), audit.Select(record => record.ToJsonString()));
    }

    [Fact]
    public async Task ImportAsync_SameArchiveTwice_SecondRunIsAllUnchangedAndWritesNothing()
    {
        var user = harness.Users[1];
        var archive = await ArchiveOfAsync(user);
        var (database, services) = await harness.EmptyDatabaseAsync();
        var sut = services.GetRequiredService<UserImporter>();
        await sut.ImportAsync(archive, new ImportRequest(), CancellationToken.None);
        var before = await VersionsAsync(database);

        var second = await sut.ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        Assert.Equal(user.Documents.Count(), second.Unchanged);
        Assert.Equal((0, 0, 0), (second.Created, second.Overwritten, second.SkippedConflicts));
        Assert.Equal(before, await VersionsAsync(database));
        Assert.Equal(2, (await services.GetRequiredService<AuditTrail>().ListAsync(user.WaId, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ImportAsync_DryRun_ReportsExactlyTheCreatesAndWritesNothing()
    {
        var user = harness.Users[2];
        var archive = await ArchiveOfAsync(user);
        var (database, services) = await harness.EmptyDatabaseAsync();

        var sut = await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(DryRun: true), CancellationToken.None);

        Assert.True(sut.DryRun);
        Assert.Equal(
            user.Documents.Select(document => (BotDataModel.ContainerFor(document.Type).Name, document.Id)).Order(),
            sut.Changes.Select(change => (change.Container, change.Id)).Order());
        Assert.All(sut.Changes, change => Assert.Equal(ImportAction.Create, change.Action));
        Assert.Equal(2, sut.AuditRecords);
        Assert.All((await harness.AllItemsAsync(database)).Values, Assert.Empty);
        Assert.Empty(await services.GetRequiredService<AuditTrail>().ListAsync(user.WaId, CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_RecordChangedSinceAndNoConflictOption_SkipsItAndKeepsTheDatabaseVersion()
    {
        var (user, archive, database, sut) = await ImportedThenChangedAsync();

        var report = await sut.ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        var conflict = Assert.Single(report.Changes, change => change.Action != ImportAction.Unchanged);
        Assert.Equal((BotDataModel.Preferences.Name, user.Preferences.Id, ImportAction.SkipConflict), (conflict.Container, conflict.Id, conflict.Action));
        Assert.Equal(1, report.SkippedConflicts);
        Assert.Equal("xx", await LanguageAsync(database, user));
    }

    [Fact]
    public async Task ImportAsync_RecordChangedSinceWithOverwrite_ReplacesItWithTheArchiveVersion()
    {
        var (user, archive, database, sut) = await ImportedThenChangedAsync();

        var report = await sut.ImportAsync(archive, new ImportRequest(OnConflict: ImportConflict.Overwrite), CancellationToken.None);

        var overwritten = Assert.Single(report.Changes, change => change.Action != ImportAction.Unchanged);
        Assert.Equal((BotDataModel.Preferences.Name, user.Preferences.Id, ImportAction.Overwrite), (overwritten.Container, overwritten.Id, overwritten.Action));
        Assert.Equal(user.Preferences.Language, await LanguageAsync(database, user));
        var source = await harness.ItemsAsync(harness.DatabaseName, BotDataModel.Preferences.Name);
        Assert.Equal(source.Where(item => PortabilityHarness.Belongs(item, user.WaId)), await harness.ItemsAsync(database, BotDataModel.Preferences.Name));
    }

    [Fact]
    public async Task ImportAsync_DryRunWithAConflict_ReportsItAndChangesNothing()
    {
        var (user, archive, database, sut) = await ImportedThenChangedAsync();

        var report = await sut.ImportAsync(archive, new ImportRequest(OnConflict: ImportConflict.Overwrite, DryRun: true), CancellationToken.None);

        Assert.Equal(1, report.Overwritten);
        Assert.Equal("xx", await LanguageAsync(database, user));
    }

    [Fact]
    public async Task ImportAsync_AnotherUsersArchiveWithoutAs_IsRefusedAndWritesNothing()
    {
        var archive = await ArchiveOfAsync(harness.Users[4]);
        var (database, services) = await harness.EmptyDatabaseAsync();

        var sut = await Assert.ThrowsAsync<ImportRefusedException>(() => services.GetRequiredService<UserImporter>()
            .ImportAsync(archive, new ImportRequest(ForUser: harness.Users[5].WaId), CancellationToken.None));

        Assert.Contains("--as", sut.Message, StringComparison.Ordinal);
        Assert.All((await harness.AllItemsAsync(database)).Values, Assert.Empty);
    }

    [Fact]
    public async Task ImportAsync_ForTheArchivesOwnUser_Imports()
    {
        var user = harness.Users[4];
        var archive = await ArchiveOfAsync(user);
        var (_, services) = await harness.EmptyDatabaseAsync();

        var sut = await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(ForUser: user.WaId), CancellationToken.None);

        Assert.Equal(user.Documents.Count(), sut.Created);
    }

    [Fact]
    public async Task ImportAsync_As_RewritesTheWaIdAndTheIdsThatAreTheWaId()
    {
        var user = UserWithAnOwnCompatibilityReading();
        var archive = await ArchiveOfAsync(user);
        var (database, services) = await harness.EmptyDatabaseAsync();

        var sut = await services.GetRequiredService<UserImporter>()
            .ImportAsync(archive, new ImportRequest(ForUser: NewNumber, As: NewNumber), CancellationToken.None);

        Assert.Equal(NewNumber, sut.WaId);
        Assert.Equal(user.Documents.Count(), sut.Created);
        var imported = await harness.AllItemsAsync(database);
        Assert.All(imported.Values.SelectMany(items => items), item => Assert.True(PortabilityHarness.Belongs(item, NewNumber), item));
        Assert.DoesNotContain(imported.Values.SelectMany(items => items), item => item.Contains(user.WaId, StringComparison.Ordinal));
        Assert.Equal(NewNumber, (string?)Parse(Assert.Single(imported[BotDataModel.Accounts.Name]))["id"]);
        Assert.Equal(NewNumber, (string?)Parse(Assert.Single(imported[BotDataModel.Preferences.Name]))["id"]);
        Assert.Equal(user.Profiles.Select(profile => profile.Id).Order(StringComparer.Ordinal), imported[BotDataModel.Profiles.Name].Select(item => (string?)Parse(item)["id"]).Order(StringComparer.Ordinal));
        var readings = imported[BotDataModel.Readings.Name].Select(Parse).ToList();
        Assert.Contains(readings, reading => (string?)reading["partner_wa_id"] == NewNumber);
        Assert.Equal(2, (await services.GetRequiredService<AuditTrail>().ListAsync(NewNumber, CancellationToken.None)).Count);
        Assert.Empty(await services.GetRequiredService<AuditTrail>().ListAsync(user.WaId, CancellationToken.None));
    }

    [Fact]
    public async Task ImportAsync_As_KeepsReferencesToOtherUsers()
    {
        var (user, reading) = harness.Users
            .SelectMany(candidate => candidate.Readings.Select(reading => (User: candidate, Reading: reading)))
            .First(pair => pair.Reading.PartnerWaId is { } partner && partner != pair.User.WaId);
        var archive = await ArchiveOfAsync(user);
        var (database, services) = await harness.EmptyDatabaseAsync();

        await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(As: NewNumber), CancellationToken.None);

        var imported = (await harness.ItemsAsync(database, BotDataModel.Readings.Name)).Select(Parse).Single(item => (string?)item["id"] == reading.Id);
        Assert.Equal((reading.PartnerWaId, reading.PartnerProfileId), ((string?)imported["partner_wa_id"], (string?)imported["partner_profile_id"]));
    }

    [Fact]
    public async Task ImportAsync_Always_KeepsReadingsOnTheirProfilesAndMessagesInTheirConversations()
    {
        var user = harness.Users.MaxBy(candidate => candidate.Profiles.Count)!;
        var archive = await ArchiveOfAsync(user);
        var (database, services) = await harness.EmptyDatabaseAsync();

        await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        var profiles = (await harness.ItemsAsync(database, BotDataModel.Profiles.Name)).Select(Parse).Select(profile => (string?)profile["id"]).ToHashSet();
        var readings = (await harness.ItemsAsync(database, BotDataModel.Readings.Name)).Select(Parse).ToList();
        Assert.Equal(user.Readings.Count, readings.Count);
        Assert.All(readings, reading => Assert.Contains((string?)reading["profile_id"], profiles));
        Assert.All(readings.Where(reading => (string?)reading["partner_wa_id"] == user.WaId), reading => Assert.Contains((string?)reading["partner_profile_id"], profiles));
        var conversations = (await harness.ItemsAsync(database, BotDataModel.Messages.Name)).Select(Parse)
            .ToDictionary(message => (string)message["id"]!, message => (string?)message["conversation_id"]);
        Assert.Equal(user.Messages.ToDictionary(message => message.Id, message => (string?)message.ConversationId).OrderBy(pair => pair.Key, StringComparer.Ordinal), conversations.OrderBy(pair => pair.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportAsync_ArchiveWithARecordInAnotherUsersPartition_IsRefusedAndLeavesThatUserAlone()
    {
        // Schema-valid and consistently hashed: user's archive, but one profile names the victim's wa_id and id.
        var user = harness.Users[6];
        var victim = harness.Users[7];
        var (database, services) = await harness.EmptyDatabaseAsync();
        var sut = services.GetRequiredService<UserImporter>();
        await sut.ImportAsync(await ArchiveOfAsync(victim), new ImportRequest(), CancellationToken.None);
        var victimBefore = await harness.AllItemsAsync(database);
        var bytes = TestExports.ChangeData((await ExportAsync(user, audit: false)).Bytes, data =>
        {
            var profile = data["profiles"]![0]!.AsObject();
            profile["wa_id"] = victim.WaId;
            profile["id"] = victim.Profiles[0].Id;
            profile["profile_id"] = victim.Profiles[0].Id;
            profile["name"] = "Mallory";
        });

        var refusal = await Record.ExceptionAsync(async () => await sut.ImportAsync(
            ImportArchiveReader.Read(new MemoryStream(bytes), ArchiveLimits.Default), new ImportRequest(ForUser: user.WaId), CancellationToken.None));

        // First what happened to the victim (on the emulator their self profile is replaced), then the refusal.
        var after = await harness.AllItemsAsync(database);
        foreach (var container in BotDataModel.Containers)
        {
            Assert.Equal(Victims(victimBefore[container.Name]), Victims(after[container.Name]));
        }

        Assert.IsType<ImportRefusedException>(refusal);

        IEnumerable<string> Victims(IEnumerable<string> items) => items.Where(item => PortabilityHarness.Belongs(item, victim.WaId));
    }

    [Fact]
    public async Task ImportAsync_AuditRecordWithAnUnreadableTime_IsRefusedBeforeAnythingIsWritten()
    {
        var user = harness.Users[5];
        var bytes = TestExports.ChangeData((await ExportAsync(user, audit: true)).Bytes, data => data["audit"]![0]!["at"] = "yesterday");
        var (database, services) = await harness.EmptyDatabaseAsync();

        var refusal = await Record.ExceptionAsync(async () => await services.GetRequiredService<UserImporter>().ImportAsync(
            ImportArchiveReader.Read(new MemoryStream(bytes), ArchiveLimits.Default), new ImportRequest(), CancellationToken.None));

        Assert.IsType<ImportRefusedException>(refusal);
        Assert.All((await harness.AllItemsAsync(database)).Values, Assert.Empty);
    }

    [Fact]
    public async Task ImportAsync_SameArchiveTwiceWithANumberWrittenAs40Point0_IsUnchangedTheSecondTime()
    {
        // Cosmos DB gives 40.0 back as 40. An archive that writes a number another way (40.0, as Newtonsoft, Python
        // or an older exporter would) holds the same value: importing it again is no conflict.
        var user = harness.Users[0];
        var data = TestExports.With(TestExports.DataOf(user), BotDataModel.Profiles.Name, profile => profile["latitude"] = JsonNode.Parse("40.0"));
        var archive = ImportArchiveReader.Read(new MemoryStream(ExportArchive.Build(data, TestExports.GeneratedAt)), ArchiveLimits.Default);
        var (_, services) = await harness.EmptyDatabaseAsync();
        var sut = services.GetRequiredService<UserImporter>();
        await sut.ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        var second = await sut.ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        Assert.DoesNotContain(second.Changes, change => change.Action != ImportAction.Unchanged);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_DatabaseThatDoesNotExist_IsRefusedAndCreatesNothing(bool dryRun)
    {
        var database = "missing-" + Guid.NewGuid().ToString("N");
        var services = harness.Services(new Dictionary<string, string?> { ["Cosmos:DatabaseName"] = database });
        var archive = await ArchiveOfAsync(harness.Users[0]);

        var sut = await Assert.ThrowsAsync<ImportRefusedException>(() =>
            services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(DryRun: dryRun), CancellationToken.None));

        Assert.Contains($"Database '{database}' has no container", sut.Message, StringComparison.Ordinal);
        using var read = await services.GetRequiredService<CosmosClient>().GetDatabase(database).ReadStreamAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task ImportAsync_ArchiveMadeBeforeItsUsersErasure_IsRefusedUnlessAllowErased()
    {
        var user = harness.Users[1];
        var archive = await ArchiveOfAsync(user);
        var (database, services) = await EmptyDatabaseWithOwnErasuresAsync();
        await services.GetRequiredService<ErasureJournal>().RecordAsync(user.WaId, destroyedKeyId: null, CancellationToken.None);
        var sut = services.GetRequiredService<UserImporter>();

        var refusal = await Assert.ThrowsAsync<ImportRefusedException>(() => sut.ImportAsync(archive, new ImportRequest(), CancellationToken.None));
        var afterRefusal = await harness.AllItemsAsync(database);
        var allowed = await sut.ImportAsync(archive, new ImportRequest(AllowErased: true), CancellationToken.None);

        Assert.Contains($"{user.WaId} erased their data here", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-erased", refusal.Message, StringComparison.Ordinal);
        Assert.All(afterRefusal.Values, Assert.Empty);
        Assert.Equal(user.Documents.Count(), allowed.Created);
    }

    [Fact]
    public async Task ImportAsync_AsAnErasedUser_IsRefused()
    {
        var archive = await ArchiveOfAsync(harness.Users[2]);
        var (database, services) = await EmptyDatabaseWithOwnErasuresAsync();
        await services.GetRequiredService<ErasureJournal>().RecordAsync(NewNumber, destroyedKeyId: null, CancellationToken.None);

        var sut = await Assert.ThrowsAsync<ImportRefusedException>(() =>
            services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(As: NewNumber), CancellationToken.None));

        Assert.Contains($"{NewNumber} erased their data here", sut.Message, StringComparison.Ordinal);
        Assert.All((await harness.AllItemsAsync(database)).Values, Assert.Empty);
    }

    [Fact]
    public async Task ImportAsync_ArchiveMadeAfterItsUsersErasure_Imports()
    {
        // A user who was erased and came back: an export made since holds only what they shared afterwards.
        var user = harness.Users[2];
        var (_, services) = await EmptyDatabaseWithOwnErasuresAsync();
        await services.GetRequiredService<ErasureJournal>().RecordAsync(user.WaId, destroyedKeyId: null, CancellationToken.None);
        var archive = await ArchiveOfAsync(user);

        var sut = await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        Assert.Equal(user.Documents.Count(), sut.Created);
    }

    /// <summary>A user's archive imported into an empty database, then the stored preferences changed to language "xx".</summary>
    [Fact]
    public async Task ImportAsync_ArchiveListingNoIdentifiers_LeavesThePersonFindableByTheirNumber()
    {
        var user = harness.Users[0];
        var archive = await ArchiveOfAsync(user);
        var (_, services) = await harness.EmptyDatabaseAsync();

        await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        var found = await services.GetRequiredService<IdentityLookup>().FindAsync(user.WaId, CancellationToken.None);
        Assert.Equal(user.WaId, found?.UserKey);
        Assert.Equal(MessageRecipient.ToPhone(user.WaId), await services.GetRequiredService<IdentityLookup>().ReplyAddressAsync(user.WaId, CancellationToken.None));
        Assert.Equal(user.WaId, (await services.GetRequiredService<IdentityResolver>().ResolveAsync(new UserIdentifiers(user.WaId, "US.80000000000000000001"), DateTimeOffset.UnixEpoch, CancellationToken.None)).UserKey);
    }

    [Fact]
    public async Task ImportAsync_IntoAFreshDeployment_LinksTheArchivesIdentifiersToIt()
    {
        var user = harness.Users[1];
        var archive = WithIdentifiers(await ArchiveOfAsync(user), ("phone", user.WaId), ("bsuid", "US.80000000000000000002"), ("username", "moonchild"));
        var (_, services) = await harness.EmptyDatabaseAsync();

        var sut = await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        Assert.Equal((3, 0), (sut.IdentifiersLinked, sut.IdentifiersHeldElsewhere));
        var lookup = services.GetRequiredService<IdentityLookup>();
        Assert.Equal(user.WaId, (await lookup.FindAsync("US.80000000000000000002", CancellationToken.None))?.UserKey);
        Assert.Equal(user.WaId, (await lookup.FindAsync("@moonchild", CancellationToken.None))?.UserKey);
    }

    [Fact]
    public async Task ImportAsync_ArchiveMadeUnderAnOlderNumber_LandsOnThePersonKnownHereByItsBsuid()
    {
        var user = harness.Users[2];
        var archive = WithIdentifiers(await ArchiveOfAsync(user), ("phone", user.WaId), ("bsuid", "US.80000000000000000003"));
        var (database, services) = await harness.EmptyDatabaseAsync();
        var here = await services.GetRequiredService<IdentityResolver>().ResolveAsync(new UserIdentifiers("14449990003", "US.80000000000000000003"), DateTimeOffset.UnixEpoch, CancellationToken.None);

        var sut = await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        Assert.Equal("14449990003", here.UserKey);
        Assert.Equal(here.UserKey, sut.WaId);
        Assert.Equal(user.Documents.Count(), sut.Created);
        var items = await harness.AllItemsAsync(database);
        Assert.All(items.Values.SelectMany(list => list), item => Assert.True(PortabilityHarness.Belongs(item, here.UserKey), item));
    }

    [Fact]
    public async Task ImportAsync_IdentifierSomeoneElseHoldsHere_IsLeftWithThemAndCounted()
    {
        var user = harness.Users[3];
        var archive = WithIdentifiers(await ArchiveOfAsync(user), ("phone", "14449990004"), ("bsuid", "US.80000000000000000004"));
        var (_, services) = await harness.EmptyDatabaseAsync();
        var resolver = services.GetRequiredService<IdentityResolver>();
        var owner = await resolver.ResolveAsync(new UserIdentifiers(null, "US.80000000000000000004"), DateTimeOffset.UnixEpoch, CancellationToken.None);
        var numbersHolder = await resolver.ResolveAsync(new UserIdentifiers("14449990004", "US.80000000000000000098"), DateTimeOffset.UnixEpoch, CancellationToken.None);

        var sut = await services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(), CancellationToken.None);

        Assert.Equal(owner.UserKey, sut.WaId); // the BSUID says whose the archive is here
        Assert.Equal((0, 1), (sut.IdentifiersLinked, sut.IdentifiersHeldElsewhere));
        Assert.Equal(numbersHolder.UserKey, (await services.GetRequiredService<IdentityLookup>().FindAsync("14449990004", CancellationToken.None))?.UserKey);
    }

    [Fact]
    public async Task ImportAsync_AsSomebodyNobodyKnows_IsRefusedAndWritesNothing()
    {
        var archive = await ArchiveOfAsync(harness.Users[4]);
        var (database, services) = await harness.EmptyDatabaseAsync();

        var refusal = await Assert.ThrowsAsync<ImportRefusedException>(() =>
            services.GetRequiredService<UserImporter>().ImportAsync(archive, new ImportRequest(As: "US.80000000000000000005"), CancellationToken.None));

        Assert.Contains("Nobody here is known as", refusal.Message, StringComparison.Ordinal);
        Assert.All((await harness.AllItemsAsync(database)).Values, Assert.Empty);
    }

    private static ImportArchive WithIdentifiers(ImportArchive archive, params (string Kind, string Value)[] identifiers)
    {
        var data = archive.Data.DeepClone().AsObject();
        data["identifiers"] = new JsonArray([.. identifiers.Select(identifier => new JsonObject
        {
            ["kind"] = identifier.Kind,
            ["value"] = identifier.Value,
            ["since"] = "2026-06-01T00:00:00.0000000+00:00",
            ["retired_at"] = null,
        })]);
        return archive with { Data = data };
    }

    private async Task<(UserDataSet User, ImportArchive Archive, string Database, UserImporter Sut)> ImportedThenChangedAsync()
    {
        var user = harness.Users[3];
        var archive = await ArchiveOfAsync(user);
        var (database, services) = await harness.EmptyDatabaseAsync();
        var sut = services.GetRequiredService<UserImporter>();
        await sut.ImportAsync(archive, new ImportRequest(), CancellationToken.None);
        await ChangePreferencesAsync(database, user, "xx");
        return (user, archive, database, sut);
    }

    private UserDataSet UserWithAnOwnCompatibilityReading() =>
        harness.Users.First(user => user.Readings.Any(reading => reading.PartnerWaId == user.WaId));

    private async Task<ImportArchive> ArchiveOfAsync(UserDataSet user) =>
        ImportArchiveReader.Read(new MemoryStream((await ExportAsync(user, audit: true)).Bytes), ArchiveLimits.Default);

    /// <summary>An empty database, and services with an erasure journal of their own (erasing a user there touches no other test).</summary>
    private async Task<(string Database, IServiceProvider Services)> EmptyDatabaseWithOwnErasuresAsync()
    {
        var (database, _) = await harness.EmptyDatabaseAsync();
        return (database, harness.Services(new Dictionary<string, string?>
        {
            ["Cosmos:DatabaseName"] = database,
            ["Portability:AuditTableName"] = harness.Table("pauditc"),
            ["Backup:ErasureTableName"] = harness.Table("perasurei"),
        }));
    }

    /// <summary>A real export of the seeded user, with two audit records of its own when asked.</summary>
    private async Task<(byte[] Bytes, UserData Data)> ExportAsync(UserDataSet user, bool audit)
    {
        var services = harness.Services(new Dictionary<string, string?> { ["Portability:AuditTableName"] = harness.Table("pauditsrc") });
        if (audit)
        {
            var trail = services.GetRequiredService<AuditTrail>();
            await trail.RecordAsync(user.WaId, AuditEvent.ExportRequested, AuditChannel.WhatsApp, CancellationToken.None);
            await trail.RecordAsync(user.WaId, AuditEvent.ExportDownloaded, AuditChannel.WhatsApp, CancellationToken.None);
        }

        var export = await services.GetRequiredService<UserExporter>().ExportAsync(user.WaId, CancellationToken.None);
        return (export.Archive, export.Data);
    }

    private async Task ChangePreferencesAsync(string database, UserDataSet user, string language)
    {
        var container = harness.Container(database, BotDataModel.Preferences.Name);
        var item = (await container.ReadItemAsync<Newtonsoft.Json.Linq.JObject>(user.Preferences.Id, new PartitionKey(user.WaId))).Resource;
        item["language"] = language;
        await container.UpsertItemAsync(item, new PartitionKey(user.WaId));
    }

    private async Task<string?> LanguageAsync(string database, UserDataSet user) =>
        (string?)(await harness.Container(database, BotDataModel.Preferences.Name)
            .ReadItemAsync<Newtonsoft.Json.Linq.JObject>(user.Preferences.Id, new PartitionKey(user.WaId))).Resource["language"];

    /// <summary>Each item's id with its server version (_etag and _ts): any write changes them.</summary>
    private async Task<List<string>> VersionsAsync(string database)
    {
        var versions = new List<string>();
        foreach (var container in BotDataModel.Containers)
        {
            using var feed = harness.Container(database, container.Name).GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = 500 });
            while (feed.HasMoreResults)
            {
                using var page = await feed.ReadNextAsync();
                page.EnsureSuccessStatusCode();
                using var document = await JsonDocument.ParseAsync(page.Content);
                versions.AddRange(document.RootElement.GetProperty("Documents").EnumerateArray().Select(item =>
                    $"{container.Name}/{item.GetProperty("id").GetString()}/{item.GetProperty("_etag")}/{item.GetProperty("_ts")}"));
            }
        }

        versions.Sort(StringComparer.Ordinal);
        Assert.NotEmpty(versions);
        return versions;
    }

    private static JsonObject Parse(string item) => JsonNode.Parse(item)!.AsObject();
}

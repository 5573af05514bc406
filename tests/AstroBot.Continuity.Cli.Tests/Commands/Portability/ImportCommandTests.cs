using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Cli.Tests.Commands.Identity;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.WhatsApp;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

/// <summary>An archive exported from a seeded world, imported into another world whose database is empty.</summary>
public sealed class ImportCommandTests(ExportedWorld world) : IClassFixture<ExportedWorld>, IAsyncLifetime
{
    private readonly CliHarness target = new();
    private readonly TempDirectory files = new();

    private static Local.Data.Seed.UserDataSet User => CliHarness.SeededUsers[0];

    private string Archive => world.UserArchive;

    public Task InitializeAsync() => target.CreateEmptyDatabaseAsync();

    public async Task DisposeAsync()
    {
        files.Dispose();
        await target.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_IntoAnEmptyDatabase_CreatesEveryRecord()
    {
        var run = await target.InvokeAsync("import", Archive);

        run.AssertExitCode(0);
        Assert.Equal(User.Documents.Count(), await target.CountItemsAsync(target.Database));
        Assert.Equal(Canonical(await world.Source.ItemsOfAsync(world.Source.Database, User.WaId)), Canonical(await target.ItemsOfAsync(target.Database, User.WaId)));
        Assert.Contains("Imported the data of " + User.WaId, run.Out, StringComparison.Ordinal);
        Assert.Matches($@"total\s+│\s+{User.Documents.Count()}\s+│\s+0\s+│\s+0\s+│\s+0\s", run.Out);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheResultInItsDocumentedShape()
    {
        var run = await target.InvokeAsync("import", Archive, "--json");

        run.AssertExitCode(0);
        var result = run.Json();
        Assert.Equal(User.WaId, result.GetProperty("wa_id").GetString());
        Assert.False(result.GetProperty("dry_run").GetBoolean());
        Assert.Equal("skip", result.GetProperty("on_conflict").GetString());
        Assert.Equal(User.Documents.Count(), result.GetProperty("total").GetProperty("created").GetInt32());
        Assert.Equal(User.Readings.Count, result.GetProperty("containers").GetProperty(BotDataModel.Readings.Name).GetProperty("created").GetInt32());
        Assert.All(result.GetProperty("changes").EnumerateArray(), change => Assert.Equal("create", change.GetProperty("action").GetString()));
        Snapshot.Matches("import.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_Twice_LeavesEveryRecordUnchanged()
    {
        (await target.InvokeAsync("import", Archive)).AssertExitCode(0);

        var run = await target.InvokeAsync("import", Archive, "--json");

        run.AssertExitCode(0);
        var total = run.Json().GetProperty("total");
        Assert.Equal(User.Documents.Count(), total.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, total.GetProperty("created").GetInt32() + total.GetProperty("overwritten").GetInt32() + total.GetProperty("skipped").GetInt32());
        Assert.Equal(User.Documents.Count(), await target.CountItemsAsync(target.Database));
    }

    [Fact]
    public async Task Invoke_DryRun_ListsEveryChangeAndWritesNothing()
    {
        var run = await target.InvokeAsync("import", Archive, "--dry-run");

        run.AssertExitCode(0);
        Assert.Equal(0, await target.CountItemsAsync(target.Database));
        Assert.Contains("Dry run: nothing was written.", run.Out, StringComparison.Ordinal);
        foreach (var reading in User.Readings)
        {
            Assert.Matches($@"readings\s+│\s+{reading.Id}\s+│\s+create", run.Out);
        }
    }

    [Fact]
    public async Task Invoke_TamperedArchive_ExitsOneSayingTheHashDiffers()
    {
        var tampered = files.File("tampered.zip");
        TestArchives.Tamper(Archive, tampered);

        var run = await target.InvokeAsync("import", tampered);

        run.AssertExitCode(1);
        Assert.Contains("'data.json' does not match its SHA-256", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await target.CountItemsAsync(target.Database));
    }

    [Fact]
    public async Task Invoke_ZipSlipArchive_ExitsOneSayingZipSlip()
    {
        var slip = files.File("slip.zip");
        TestArchives.ZipSlip(Archive, slip);

        var run = await target.InvokeAsync("import", slip);

        run.AssertExitCode(1);
        Assert.Contains("zip slip", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await target.CountItemsAsync(target.Database));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(files.Path)!, "evil.sh")));
    }

    [Fact]
    public async Task Invoke_NotAZip_ExitsOneSayingSo()
    {
        var junk = files.File("junk.zip");
        await File.WriteAllTextAsync(junk, "not a zip at all");

        var run = await target.InvokeAsync("import", junk);

        run.AssertExitCode(1);
        Assert.Contains("not a readable ZIP archive", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_As_ImportsTheDataAsTheOtherUser()
    {
        const string newNumber = "15559990001";

        var run = await target.InvokeAsync("import", Archive, "--as", newNumber);

        run.AssertExitCode(0);
        Assert.Contains($"the data of {User.WaId} as {newNumber}", run.Out, StringComparison.Ordinal);
        var moved = await target.ItemsOfAsync(target.Database, newNumber);
        Assert.Equal(User.Documents.Count(), moved.Values.Sum(items => items.Count));
        Assert.Equal(newNumber, Assert.Single(moved[BotDataModel.Accounts.Name]).GetProperty("id").GetString());
        Assert.Equal(newNumber, Assert.Single(moved[BotDataModel.Preferences.Name]).GetProperty("id").GetString());
        Assert.DoesNotContain(User.WaId, JsonSerializer.Serialize(moved), StringComparison.Ordinal);
        Assert.Equal(0, (await target.ItemsOfAsync(target.Database, User.WaId)).Values.Sum(items => items.Count));
    }

    [Fact]
    public async Task Invoke_AsAUsernameUsersBsuid_ImportsUnderTheirKey()
    {
        // Merging: a person who writes with a username only gets the archive's data under their own minted key.
        string key;
        await using (var people = new DirectoryPeople(target))
        {
            key = (await people.WriteAsync(new UserIdentifiers(null, "US.78900000000000000001", null, "merge.me"))).UserKey;
        }

        var run = await target.InvokeAsync("import", Archive, "--as", "US.78900000000000000001", "--json");

        run.AssertExitCode(0);
        Assert.Equal(key, run.Json().GetProperty("wa_id").GetString());
        Assert.Equal(User.Documents.Count(), (await target.ItemsOfAsync(target.Database, key)).Values.Sum(items => items.Count));
    }

    [Fact]
    public async Task Invoke_AsNobody_ExitsOneAndWritesNothing()
    {
        var run = await target.InvokeAsync("import", Archive, "--as", "u-0123456789abcdef01234567");

        run.AssertExitCode(1);
        Assert.Contains("Nobody matches 'u-0123456789abcdef01234567'", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await target.CountItemsAsync(target.Database));
    }

    [Fact]
    public async Task Invoke_ARecordChangedSince_SkipsItUnlessOverwriteIsAsked()
    {
        (await target.InvokeAsync("import", Archive)).AssertExitCode(0);
        var original = await DisplayNameAsync();
        await ChangeAccountAsync("display_name", "Changed Since");

        var skipped = await target.InvokeAsync("import", Archive, "--json");
        var kept = await DisplayNameAsync();
        var overwritten = await target.InvokeAsync("import", Archive, "--on-conflict", "overwrite", "--json");

        skipped.AssertExitCode(0);
        Assert.Equal(1, skipped.Json().GetProperty("containers").GetProperty(BotDataModel.Accounts.Name).GetProperty("skipped").GetInt32());
        Assert.Equal("Changed Since", kept);
        overwritten.AssertExitCode(0);
        Assert.Equal(1, overwritten.Json().GetProperty("total").GetProperty("overwritten").GetInt32());
        Assert.Equal(original, await DisplayNameAsync());
    }

    [Fact]
    public async Task Invoke_SkippedConflict_SaysHowToOverwrite()
    {
        (await target.InvokeAsync("import", Archive)).AssertExitCode(0);
        await ChangeAccountAsync("locale", "xx");

        var run = await target.InvokeAsync("import", Archive);

        run.AssertExitCode(0);
        Assert.Contains("--on-conflict overwrite replaces them", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--dry-run")]
    public async Task Invoke_IntoADatabaseThatDoesNotExist_ExitsOneAndCreatesNothing(params string[] options)
    {
        var database = target.NewDatabaseName("missing");
        target.Settings["Cosmos:DatabaseName"] = database;

        var run = await target.InvokeAsync(["import", Archive, .. options]);

        run.AssertExitCode(1);
        Assert.Contains($"Database '{database}' has no container", run.Error, StringComparison.Ordinal);
        using var read = await target.Cosmos.GetDatabase(database).ReadStreamAsync();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Invoke_ArchiveOfAnErasedUser_IsRefusedUnlessAllowErased()
    {
        (await target.InvokeAsync("import", Archive)).AssertExitCode(0);
        (await target.InvokeAsync("erase", "--user", User.WaId, "--yes")).AssertExitCode(0);

        var refused = await target.InvokeAsync("import", Archive);
        var erasedItems = await target.CountItemsAsync(target.Database);
        var allowed = await target.InvokeAsync("import", Archive, "--allow-erased");

        refused.AssertExitCode(1);
        Assert.Contains($"{User.WaId} erased their data here on", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-erased", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, erasedItems);
        allowed.AssertExitCode(0);
        Assert.Equal(User.Documents.Count(), await target.CountItemsAsync(target.Database));
    }

    [Theory]
    [InlineData("Name what to import")]
    [InlineData("There is no archive", "nowhere.zip")]
    [InlineData("--as takes a user key or any identifier", "{archive}", "--as", "not-a-number")]
    [InlineData("--as imports one archive as another user", "--all", "{directory}", "--as", "15550000001")]
    [InlineData("Name what to import", "{archive}", "--all", "{directory}")]
    [InlineData("overwrite", "{archive}", "--on-conflict", "replace")]
    public async Task Invoke_BadCommandLine_ExitsTwoSayingWhatIsWrong(string expected, params string[] args)
    {
        var run = await target.InvokeAsync(["import", .. args.Select(arg => arg.Replace("{archive}", Archive, StringComparison.Ordinal).Replace("{directory}", files.Path, StringComparison.Ordinal))]);

        run.AssertExitCode(2);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    /// <summary>Changes one field of the user's stored account, as the bot would after the export.</summary>
    private async Task ChangeAccountAsync(string field, string value)
    {
        var account = JsonNode.Parse((await target.ItemsOfAsync(target.Database, User.WaId))[BotDataModel.Accounts.Name].Single().GetRawText())!.AsObject();
        account[field] = value;
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(account.ToJsonString()));
        using var response = await target.Cosmos.GetContainer(target.Database, BotDataModel.Accounts.Name).UpsertItemStreamAsync(body, new PartitionKey(User.WaId));
        response.EnsureSuccessStatusCode();
    }

    private async Task<string?> DisplayNameAsync() =>
        (await target.ItemsOfAsync(target.Database, User.WaId))[BotDataModel.Accounts.Name].Single().GetProperty("display_name").GetString();

    /// <summary>Items as a backup or an export compares them (system properties dropped, keys sorted), sorted.</summary>
    private static List<string> Canonical(Dictionary<string, List<JsonElement>> items) =>
        [.. items.SelectMany(container => container.Value.Select(item => $"{container.Key}:{Encoding.UTF8.GetString(CanonicalItem.From(item).Json)}")).Order(StringComparer.Ordinal)];
}

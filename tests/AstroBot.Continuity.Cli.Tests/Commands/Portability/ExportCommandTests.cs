using System.IO.Compression;
using AstroBot.Continuity.Cli.Tests.Commands.Identity;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

public sealed class ExportCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();
    private readonly TempDirectory files = new();

    public Task InitializeAsync() => cli.InitializeAsync();

    public async Task DisposeAsync()
    {
        files.Dispose();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_SeededUser_WritesTheArchiveAndPrintsFileSizeAndCounts()
    {
        await cli.SeedAsync();
        var user = CliHarness.SeededUsers[0];
        var archive = files.File("user.zip");

        var run = await cli.InvokeAsync("export", "--user", user.WaId, "--out", archive);

        run.AssertExitCode(0);
        string[] expected = ["account.csv", "audit.csv", "data.json", "identifiers.csv", "index.html", "manifest.json", "messages.csv", "preferences.csv", "profiles.csv", "readings.csv", "subscriptions.csv"];
        Assert.Equal(expected, TestArchives.Entries(archive).Keys.Order(StringComparer.Ordinal));
        var data = TestArchives.Data(archive);
        Assert.Equal(user.WaId, data.GetProperty("wa_id").GetString());
        Assert.Equal(user.Readings.Count, data.GetProperty("readings").GetArrayLength());
        Assert.Equal(user.Messages.Count, data.GetProperty("messages").GetArrayLength());
        Assert.Contains(archive, run.Out, StringComparison.Ordinal);
        Assert.Contains("KiB", run.Out, StringComparison.Ordinal);
        Assert.Matches($@"readings\s+│\s+{user.Readings.Count}\s", run.Out);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(archive));
        }
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheResultInItsDocumentedShape()
    {
        await cli.SeedAsync();
        var user = CliHarness.SeededUsers[1];
        var archive = files.File("user.zip");

        var run = await cli.InvokeAsync("export", "--user", user.WaId, "--out", archive, "--json");

        run.AssertExitCode(0);
        var result = run.Json();
        Assert.Equal(user.WaId, result.GetProperty("wa_id").GetString());
        Assert.Equal(archive, result.GetProperty("file").GetString());
        Assert.Equal(new FileInfo(archive).Length, result.GetProperty("bytes").GetInt64());
        Assert.Equal(user.Documents.Count(), result.GetProperty("total_items").GetInt32());
        Assert.Equal(user.Profiles.Count, result.GetProperty("items").GetProperty(BotDataModel.Profiles.Name).GetInt32());
        Snapshot.Matches("export.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_Twice_RecordsEachExportAsAnOperatorAuditEvent()
    {
        await cli.SeedAsync();
        var waId = CliHarness.SeededUsers[0].WaId;
        (await cli.InvokeAsync("export", "--user", waId, "--out", files.File("first.zip"))).AssertExitCode(0);

        var run = await cli.InvokeAsync("export", "--user", waId, "--out", files.File("second.zip"));

        run.AssertExitCode(0);
        var audit = Assert.Single(TestArchives.Data(files.File("second.zip")).GetProperty("audit").EnumerateArray());
        Assert.Equal("export_requested", audit.GetProperty("event").GetString());
        Assert.Equal("operator", audit.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Invoke_UnknownUser_ExitsOneAndWritesNothing()
    {
        await cli.SeedAsync();
        var archive = files.File("nobody.zip");

        var run = await cli.InvokeAsync("export", "--user", "15550000000", "--out", archive);

        run.AssertExitCode(1);
        Assert.Contains("no data for that user", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(files.Path));
    }

    [Fact]
    public async Task Invoke_ByUsername_ExportsThePersonItNames()
    {
        await cli.SeedAsync();
        var user = CliHarness.SeededUsers[1];
        await using (var people = new DirectoryPeople(cli))
        {
            await people.WriteAsync(new UserIdentifiers(user.WaId, "US.45600000000000000001", null, "export.me"));
        }

        var archive = files.File("user.zip");

        var run = await cli.InvokeAsync("export", "--user", "@export.me", "--out", archive, "--json");

        run.AssertExitCode(0);
        Assert.Equal(user.WaId, run.Json().GetProperty("wa_id").GetString());
        Assert.Equal(user.WaId, TestArchives.Data(archive).GetProperty("wa_id").GetString());
    }

    [Fact]
    public async Task Invoke_Nobody_ExitsOneAndWritesNothing()
    {
        await cli.SeedAsync();

        var run = await cli.InvokeAsync("export", "--user", "bsuid:US.45699999999999999999", "--out", files.File("nobody.zip"));

        run.AssertExitCode(1);
        Assert.Contains("Nobody matches 'bsuid:US.45699999999999999999'", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(files.Path));
    }

    [Fact]
    public async Task Invoke_ExistingFileWithoutForce_ExitsOneAndKeepsIt()
    {
        await cli.SeedAsync();
        var archive = files.File("user.zip");
        await File.WriteAllTextAsync(archive, "keep me");

        var run = await cli.InvokeAsync("export", "--user", CliHarness.SeededUsers[0].WaId, "--out", archive);

        run.AssertExitCode(1);
        Assert.Contains("--force", run.Error, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(archive));
    }

    [Fact]
    public async Task Invoke_ExistingFileWithForce_OverwritesIt()
    {
        await cli.SeedAsync();
        var archive = files.File("user.zip");
        await File.WriteAllTextAsync(archive, "replace me");

        var run = await cli.InvokeAsync("export", "--user", CliHarness.SeededUsers[0].WaId, "--out", archive, "--force");

        run.AssertExitCode(0);
        Assert.Contains("data.json", TestArchives.Entries(archive).Keys);
        Assert.Equal([Path.GetFileName(archive)], Directory.GetFiles(files.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Invoke_DatabaseMissing_ExitsOneNamingIt()
    {
        var run = await cli.InvokeAsync("export", "--user", CliHarness.SeededUsers[0].WaId, "--out", files.File("user.zip"));

        run.AssertExitCode(1);
        Assert.Contains($"Database '{cli.Database}' has no container", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_All_WritesOneArchivePerSeededUserNamedByWaId()
    {
        await cli.SeedAsync();
        var directory = files.File("tenant");

        var run = await cli.InvokeAsync("export", "--all", "--out", directory, "--json");

        run.AssertExitCode(0);
        Assert.Equal(CliHarness.SeededUsers.Select(user => user.WaId + ".zip").Order(StringComparer.Ordinal), Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var user in CliHarness.SeededUsers)
        {
            Assert.Equal(user.WaId, TestArchives.Data(Path.Combine(directory, user.WaId + ".zip")).GetProperty("wa_id").GetString());
        }

        var result = run.Json();
        Assert.Equal(CliHarness.SeededUsers.Count, result.GetProperty("users").GetInt32());
        Assert.Equal(cli.SeededItems, result.GetProperty("total_items").GetInt64());
        Assert.Equal("{wa_id}.zip", result.GetProperty("file_naming").GetString());
        Snapshot.Matches("export-all.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_AllIntoADirectoryHoldingArchives_ExitsOneWithoutForce()
    {
        await cli.SeedAsync();
        var directory = files.File("tenant");
        (await cli.InvokeAsync("export", "--all", "--out", directory)).AssertExitCode(0);

        var refused = await cli.InvokeAsync("export", "--all", "--out", directory);
        var forced = await cli.InvokeAsync("export", "--all", "--out", directory, "--force");

        refused.AssertExitCode(1);
        Assert.Contains("already holds archives", refused.Error, StringComparison.Ordinal);
        forced.AssertExitCode(0);
        Assert.Equal(CliHarness.SeededUsers.Count, Directory.GetFiles(directory).Length);
    }

    [Theory]
    [InlineData("Choose whom to export", "--out", "x.zip")]
    [InlineData("Choose whom to export", "--user", "15550000001", "--all", "--out", "x.zip")]
    [InlineData("--user takes a user key or any identifier", "--user", "+1 555 0100", "--out", "x.zip")]
    [InlineData("--out", "--user", "15550000001")]
    public async Task Invoke_BadCommandLine_ExitsTwoSayingWhatIsWrong(string expected, params string[] args)
    {
        var run = await cli.InvokeAsync(["export", .. args]);

        run.AssertExitCode(2);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UserWithADirectoryAsOut_ExitsTwo()
    {
        var run = await cli.InvokeAsync("export", "--user", "15550000001", "--out", files.Path);

        run.AssertExitCode(2);
        Assert.Contains("is a directory", run.Error, StringComparison.Ordinal);
    }
}

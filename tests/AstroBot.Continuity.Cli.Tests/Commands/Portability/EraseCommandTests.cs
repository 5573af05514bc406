using AstroBot.Continuity.Cli.Tests.Commands.Identity;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

public sealed class EraseCommandTests : IAsyncLifetime
{
    private readonly CliHarness cli = new();
    private readonly TempDirectory files = new();

    private static Local.Data.Seed.UserDataSet User => CliHarness.SeededUsers[2];

    public Task InitializeAsync() => cli.SeedAsync();

    public async Task DisposeAsync()
    {
        files.Dispose();
        await cli.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_Yes_RemovesEverythingOfTheUserAndAnExportAfterwardsExitsOne()
    {
        await cli.BackupAsync(); // so the user has a backup key to destroy
        (await cli.InvokeAsync("export", "--user", User.WaId, "--out", files.File("before.zip"))).AssertExitCode(0); // an audit record to remove

        var run = await cli.InvokeAsync("erase", "--user", User.WaId, "--yes");

        run.AssertExitCode(0);
        Assert.Equal(0, (await cli.ItemsOfAsync(cli.Database, User.WaId)).Values.Sum(items => items.Count));
        Assert.Equal(cli.SeededItems - User.Documents.Count(), await cli.CountItemsAsync(cli.Database));
        Assert.Contains($"Erased {User.WaId}: {User.Documents.Count()} items", run.Out, StringComparison.Ordinal);
        Assert.Matches(@"backup key\s+│\s+destroyed", run.Out);
        Assert.Matches(@"audit records\s+│\s+1\s", run.Out);
        Assert.Matches(@"identifiers forgotten\s+│\s+0\s", run.Out); // the directory never saw this user
        Assert.Contains("Backups can no longer be read for this user", run.Out, StringComparison.Ordinal);
        Assert.Contains("Restores will never bring them back", run.Out, StringComparison.Ordinal);
        var export = await cli.InvokeAsync("export", "--user", User.WaId, "--out", files.File("after.zip"));
        export.AssertExitCode(1);
        Assert.Contains("no data for that user", export.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheResultInItsDocumentedShape()
    {
        var run = await cli.InvokeAsync("erase", "--user", User.WaId, "--yes", "--json");

        run.AssertExitCode(0);
        var result = run.Json();
        Assert.Equal(User.WaId, result.GetProperty("wa_id").GetString());
        Assert.Equal(User.Documents.Count(), result.GetProperty("total_items_deleted").GetInt32());
        Assert.Equal(User.Messages.Count, result.GetProperty("items_deleted").GetProperty("messages").GetInt32());
        Assert.False(result.GetProperty("backup_key_destroyed").GetBoolean()); // no backup ever ran
        Assert.Equal(0, result.GetProperty("identifiers_forgotten").GetInt32());
        Snapshot.Matches("erase.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_WithoutYesWhenNotInteractive_ExitsOneAndErasesNothing()
    {
        var run = await cli.InvokeAsync("erase", "--user", User.WaId);

        run.AssertExitCode(1);
        Assert.Contains("not an interactive terminal", run.Error, StringComparison.Ordinal);
        Assert.Contains("--yes", run.Error, StringComparison.Ordinal);
        Assert.Equal(cli.SeededItems, await cli.CountItemsAsync(cli.Database));
    }

    [Fact]
    public async Task Invoke_OnlyThatUser_LeavesTheOthersAlone()
    {
        (await cli.InvokeAsync("erase", "--user", User.WaId, "--yes")).AssertExitCode(0);

        foreach (var other in CliHarness.SeededUsers.Where(user => user.WaId != User.WaId))
        {
            Assert.Equal(other.Documents.Count(), (await cli.ItemsOfAsync(cli.Database, other.WaId)).Values.Sum(items => items.Count));
        }
    }

    [Fact]
    public async Task Invoke_ByBsuid_ErasesThePersonKeyedByTheirNumberAndForgetsEveryIdentifier()
    {
        const string bsuid = "US.12300000000000000001";
        await using (var people = new DirectoryPeople(cli))
        {
            await people.WriteAsync(new UserIdentifiers(User.WaId, bsuid, null, "erase.me"));
        }

        var run = await cli.InvokeAsync("erase", "--user", "bsuid:" + bsuid, "--yes", "--json");

        run.AssertExitCode(0);
        var result = run.Json();
        Assert.Equal(User.WaId, result.GetProperty("wa_id").GetString());
        Assert.Equal(User.Documents.Count(), result.GetProperty("total_items_deleted").GetInt32());
        Assert.Equal(3, result.GetProperty("identifiers_forgotten").GetInt32());
        Assert.Equal(0, (await cli.ItemsOfAsync(cli.Database, User.WaId)).Values.Sum(items => items.Count));
        (await cli.InvokeAsync("identity", "show", "@erase.me")).AssertExitCode(1);
    }

    [Theory]
    [InlineData("u-0123456789abcdef01234567")]
    [InlineData("bsuid:US.12399999999999999999")]
    public async Task Invoke_Nobody_ExitsOneAndErasesNothing(string user)
    {
        var run = await cli.InvokeAsync("erase", "--user", user, "--yes");

        run.AssertExitCode(1);
        Assert.Contains($"Nobody matches '{user}'", run.Error, StringComparison.Ordinal);
        Assert.Equal(cli.SeededItems, await cli.CountItemsAsync(cli.Database));
    }

    [Theory]
    [InlineData("--user takes a user key or any identifier", "--user", "+1 555 0100", "--yes")]
    [InlineData("--user", "--yes")]
    public async Task Invoke_BadCommandLine_ExitsTwo(string expected, params string[] args)
    {
        var run = await cli.InvokeAsync(["erase", .. args]);

        run.AssertExitCode(2);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Equal(cli.SeededItems, await cli.CountItemsAsync(cli.Database));
    }
}

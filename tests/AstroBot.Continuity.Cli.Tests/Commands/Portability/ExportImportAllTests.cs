using AstroBot.Continuity.Data;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

/// <summary><c>export --all</c> from a seeded world and <c>import --all</c> into a world whose database is empty.</summary>
public sealed class ExportImportAllTests(ExportedWorld world) : IClassFixture<ExportedWorld>, IAsyncLifetime
{
    private readonly CliHarness target = new();
    private readonly TempDirectory files = new();

    /// <summary>This test's copy of the tenant export, free to alter.</summary>
    private string Directory => files.File("tenant");

    private long SeededItems => world.Source.SeededItems;

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var archive in System.IO.Directory.GetFiles(world.TenantDirectory))
        {
            File.Copy(archive, Path.Combine(Directory, Path.GetFileName(archive)));
        }

        await target.CreateEmptyDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        files.Dispose();
        await target.DisposeAsync();
    }

    [Fact]
    public async Task Invoke_ImportAllOfAnExportAll_BringsBackEverySeededItem()
    {
        var run = await target.InvokeAsync("import", "--all", Directory);

        run.AssertExitCode(0);
        Assert.Equal(SeededItems, await target.CountItemsAsync(target.Database));
        foreach (var container in BotDataModel.Containers)
        {
            Assert.Equal(
                CliHarness.SeededUsers.Sum(user => user.Documents.Count(document => document.Type == container.DocumentType)),
                (await CountPerUserAsync(container.Name)));
        }

        Assert.Contains($"Imported {CliHarness.SeededUsers.Count} of {CliHarness.SeededUsers.Count} archives", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_Json_PrintsTheResultInItsDocumentedShape()
    {
        TestArchives.Tamper(Path.Combine(Directory, CliHarness.SeededUsers[0].WaId + ".zip"), Path.Combine(Directory, "tampered.zip"));

        var run = await target.InvokeAsync("import", "--all", Directory, "--json");

        run.AssertExitCode(1);
        var result = run.Json();
        Assert.Equal(CliHarness.SeededUsers.Count + 1, result.GetProperty("archives").GetInt32());
        Assert.Equal(CliHarness.SeededUsers.Count, result.GetProperty("imported").GetInt32());
        Assert.Equal(SeededItems, result.GetProperty("total").GetProperty("created").GetInt64());
        var refused = Assert.Single(result.GetProperty("refused").EnumerateArray());
        Assert.Equal("tampered.zip", refused.GetProperty("file").GetString());
        Assert.Contains("does not match its SHA-256", refused.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Snapshot.Matches("import-all.json-shape.txt", Snapshot.ShapeOf(run.Out));
    }

    [Fact]
    public async Task Invoke_ImportAllTwice_LeavesEverythingUnchanged()
    {
        (await target.InvokeAsync("import", "--all", Directory)).AssertExitCode(0);

        var run = await target.InvokeAsync("import", "--all", Directory, "--json");

        run.AssertExitCode(0);
        Assert.Equal(SeededItems, run.Json().GetProperty("total").GetProperty("unchanged").GetInt64());
        Assert.Equal(SeededItems, await target.CountItemsAsync(target.Database));
    }

    [Fact]
    public async Task Invoke_ImportAllDryRun_WritesNothing()
    {
        var run = await target.InvokeAsync("import", "--all", Directory, "--dry-run");

        run.AssertExitCode(0);
        Assert.Contains("Dry run: nothing was written.", run.Out, StringComparison.Ordinal);
        Assert.Equal(0, await target.CountItemsAsync(target.Database));
    }

    [Fact]
    public async Task Invoke_ImportAllWithARefusedArchive_ImportsTheOthersReportsItAndExitsOne()
    {
        var victim = CliHarness.SeededUsers[1];
        var original = Path.Combine(Directory, victim.WaId + ".zip");
        TestArchives.Tamper(original, Path.Combine(Directory, "tampered.zip"));
        File.Delete(original);

        var run = await target.InvokeAsync("import", "--all", Directory);

        run.AssertExitCode(1);
        Assert.Contains("Refused tampered.zip: 'data.json' does not match its SHA-256", run.Error, StringComparison.Ordinal);
        Assert.Contains("1 archives were refused", run.Out, StringComparison.Ordinal);
        Assert.Equal(SeededItems - victim.Documents.Count(), await target.CountItemsAsync(target.Database));
    }

    [Fact]
    public async Task Invoke_ImportAllWithTwoArchivesOfOneUser_CreatesEachRecordOnce()
    {
        // Archives are imported several at a time; two of the same user go one after the other, so one creates and the other finds them unchanged.
        var user = CliHarness.SeededUsers[0];
        File.Copy(Path.Combine(Directory, user.WaId + ".zip"), Path.Combine(Directory, "copy-of-" + user.WaId + ".zip"));

        var run = await target.InvokeAsync("import", "--all", Directory, "--json");

        run.AssertExitCode(0);
        var result = run.Json();
        Assert.Equal(CliHarness.SeededUsers.Count + 1, result.GetProperty("imported").GetInt32());
        Assert.Equal(SeededItems, result.GetProperty("total").GetProperty("created").GetInt64());
        Assert.Equal(user.Documents.Count(), result.GetProperty("total").GetProperty("unchanged").GetInt64());
        Assert.Equal(SeededItems, await target.CountItemsAsync(target.Database));
    }

    [Fact]
    public async Task Invoke_ImportAllOfAnEmptyDirectory_ExitsOne()
    {
        var empty = files.File("empty");
        System.IO.Directory.CreateDirectory(empty);

        var run = await target.InvokeAsync("import", "--all", empty);

        run.AssertExitCode(1);
        Assert.Contains("holds no *.zip archives", run.Error, StringComparison.Ordinal);
    }

    private async Task<int> CountPerUserAsync(string container)
    {
        var count = 0;
        foreach (var user in CliHarness.SeededUsers)
        {
            count += (await target.ItemsOfAsync(target.Database, user.WaId))[container].Count;
        }

        return count;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Tests.Fixtures;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.Tests.Docs;

/// <summary>
/// Runs the procedures documented in docs/operations/backup-and-restore.md, step by step, through the CLI's own
/// command line against the emulators, so the document cannot drift from the product. What the test substitutes is
/// described in the document's last section.
/// </summary>
public sealed class BackupRestoreProcedureTests
{
    /// <summary>The live database's name in the document.</summary>
    private const string DocumentedLiveDatabase = "astrobot";

    /// <summary>Restore targets in the document start with this.</summary>
    private const string DocumentedRestoredPrefix = "astrobot-restored";

    private static readonly string[] Procedures =
        ["backup", "restore-database", "restore-container", "restore-user", "restore-point-in-time", "restore-resume", "restore-test"];

    private static string DocumentPath => Path.Combine(DocumentedProcedures.RepositoryRoot(), "docs", "operations", "backup-and-restore.md");

    [Fact]
    public void Document_MarksEveryProcedure_WithStepsNumberedFromOne()
    {
        var sut = DocumentedProcedures.Read(DocumentPath);

        Assert.Equal(Procedures, sut.Select(step => step.Procedure).Distinct());
        foreach (var procedure in sut.GroupBy(step => step.Procedure))
        {
            Assert.Equal(Enumerable.Range(1, procedure.Count()), procedure.Select(step => step.Number));
        }
    }

    [Fact]
    public void Document_EveryStep_IsOneContinuityCommandWithoutShellSyntax()
    {
        var sut = DocumentedProcedures.Read(DocumentPath);

        Assert.All(sut, step => Assert.DoesNotContain(step.CommandLine, character => "|;&<>`$\\".Contains(character, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Document_EveryStep_ParsesWithTheCurrentCommandLine()
    {
        await using var world = new World();

        foreach (var step in DocumentedProcedures.Read(DocumentPath))
        {
            var result = ContinuityCommandLine.Create().Parse(world.CommandLine(step, fullBackupCompletedAt: DateTimeOffset.UnixEpoch));

            Assert.True(result.Errors.Count == 0, $"{step}: {string.Join("; ", result.Errors.Select(error => error.Message))}");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task DocumentedProcedures_RunStepByStepAgainstTheEmulators_RestoreWhatWasBackedUp()
    {
        var steps = DocumentedProcedures.Read(DocumentPath);
        await using var world = new World();
        IReadOnlyDictionary<string, long>? countsAtFullBackup = null;
        DateTimeOffset? fullBackupCompletedAt = null;
        foreach (var step in steps)
        {
            if (fullBackupCompletedAt is null && step.Arguments.Contains("--at"))
            {
                fullBackupCompletedAt = await world.FirstFullBackupCompletedAtAsync();
            }

            await world.RunAsync(step, fullBackupCompletedAt);
            if (countsAtFullBackup is null && step.Arguments.SequenceEqual(["backup", "run", "--full"]))
            {
                countsAtFullBackup = await world.CountAsync(world.LiveDatabase);
            }
        }

        Assert.NotNull(countsAtFullBackup);
        var live = await world.CountAsync(world.LiveDatabase);
        Assert.True(live.Values.Sum() > countsAtFullBackup.Values.Sum(), "the procedure should change the data after the full backup");

        Assert.Equal(live, await world.CountAsync(world.RestoreTarget(steps, "restore-database")));
        Assert.Equal(live, await world.CountAsync(world.RestoreTarget(steps, "restore-resume")));
        Assert.Equal(countsAtFullBackup, await world.CountAsync(world.RestoreTarget(steps, "restore-point-in-time")));

        var readingsOnly = await world.CountAsync(world.RestoreTarget(steps, "restore-container"));
        Assert.Equal(live["readings"], readingsOnly["readings"]);
        Assert.All(readingsOnly.Where(container => container.Key != "readings"), container => Assert.Equal(0, container.Value));

        var user = steps.Where(step => step.Procedure == "restore-user").Select(step => ValueOf(step.Arguments, "--user")).First(value => value is not null)!;
        var userOnly = await world.CountAsync(world.RestoreTarget(steps, "restore-user"));
        Assert.Equal(await world.CountAsync(world.LiveDatabase, user), userOnly);
        Assert.Equal(userOnly, await world.CountAsync(world.RestoreTarget(steps, "restore-user"), user));
        Assert.True(userOnly.Values.Sum() > 0, $"user {user} should have items in the seeded data");
    }

    private static string? ValueOf(IReadOnlyList<string> arguments, string option)
    {
        var index = arguments.ToList().IndexOf(option);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : null;
    }

    /// <summary>The emulators, with names of this test's own: every documented command runs in here.</summary>
    private sealed class World : IAsyncDisposable
    {
        private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

        private readonly Dictionary<string, string> databases = new(StringComparer.Ordinal);
        private readonly CosmosClient cosmos = new CosmosClientFactory(new CosmosOptions { Endpoint = EmulatorEndpoints.CosmosEndpoint, Key = EmulatorEndpoints.CosmosKey }).Create();

        public World()
        {
            LiveDatabase = EmulatorEndpoints.UniqueName("docslive");
            databases[DocumentedLiveDatabase] = LiveDatabase;
            Settings = new Dictionary<string, string>
            {
                ["Storage:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
                ["Cosmos:Endpoint"] = EmulatorEndpoints.CosmosEndpoint,
                ["Cosmos:DatabaseName"] = LiveDatabase,
                ["Backup:ConnectionString"] = EmulatorEndpoints.StorageConnectionString,
                ["Backup:SecondaryBlobEndpoint"] = new BlobServiceClient(EmulatorEndpoints.StorageConnectionString).Uri.ToString().TrimEnd('/') + "-secondary",
                ["Backup:ContainerName"] = EmulatorEndpoints.UniqueName("docsbackups"),
                ["Backup:CatalogTableName"] = EmulatorEndpoints.UniqueName("docscatalog"),
                ["Backup:RestoreTableName"] = EmulatorEndpoints.UniqueName("docsrestores"),
                ["Backup:ErasureTableName"] = EmulatorEndpoints.UniqueName("docserasures"),
                ["Backup:ScratchDatabasePrefix"] = EmulatorEndpoints.UniqueName("docsscratch") + "-",
                ["Crypto:UserKeyTableName"] = EmulatorEndpoints.UniqueName("docsuserkeys"),
                ["Crypto:Kek"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            };
        }

        public string LiveDatabase { get; }

        public Dictionary<string, string> Settings { get; }

        /// <summary>The step's arguments with the isolation settings in front and the documented names replaced.</summary>
        public string[] CommandLine(ProcedureStep step, DateTimeOffset? fullBackupCompletedAt)
        {
            var arguments = step.Arguments.ToArray();
            for (var i = 0; i < arguments.Length; i++)
            {
                if (i > 0 && arguments[i - 1] == "--at")
                {
                    arguments[i] = (fullBackupCompletedAt ?? throw new InvalidOperationException($"{step}: no full backup to take the time from"))
                        .UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
                }
                else if (arguments[i] == DocumentedLiveDatabase || arguments[i].StartsWith(DocumentedRestoredPrefix, StringComparison.Ordinal))
                {
                    arguments[i] = DatabaseFor(arguments[i]);
                }
            }

            return [.. Settings.SelectMany(setting => new[] { "--config", $"{setting.Key}={setting.Value}" }), .. arguments];
        }

        public async Task RunAsync(ProcedureStep step, DateTimeOffset? fullBackupCompletedAt)
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            using var error = new StringWriter(CultureInfo.InvariantCulture);
            using var timeout = new CancellationTokenSource(StepTimeout);
            int exitCode;
            try
            {
                exitCode = await ContinuityCommandLine.InvokeAsync(
                    CommandLine(step, fullBackupCompletedAt), new InvocationConfiguration { Output = output, Error = error }, timeout.Token);
            }
            catch (Exception exception)
            {
                throw new InvalidOperationException($"{step} threw.{Environment.NewLine}stdout:{Environment.NewLine}{output}{Environment.NewLine}stderr:{Environment.NewLine}{error}", exception);
            }

            Assert.True(exitCode == 0, $"{step} exited {exitCode}.{Environment.NewLine}stdout:{Environment.NewLine}{output}{Environment.NewLine}stderr:{Environment.NewLine}{error}");
        }

        /// <summary>The database a procedure's restore wrote into (its <c>--to-database</c>).</summary>
        public string RestoreTarget(IReadOnlyList<ProcedureStep> steps, string procedure)
        {
            var target = steps
                .Where(step => step.Procedure == procedure && step.Arguments.FirstOrDefault() == "restore")
                .Select(step => ValueOf(step.Arguments, "--to-database"))
                .FirstOrDefault(name => name is not null)
                ?? throw new InvalidOperationException($"The procedure {procedure} has no 'continuity restore ... --to-database NAME' step.");
            return DatabaseFor(target);
        }

        public async Task<DateTimeOffset> FirstFullBackupCompletedAtAsync()
        {
            var storage = new BackupStorage(
                Options.Create(new BackupOptions { ConnectionString = Settings["Backup:ConnectionString"], ContainerName = Settings["Backup:ContainerName"], CatalogTableName = Settings["Backup:CatalogTableName"] }),
                TimeProvider.System);
            var entries = await new BackupCatalog(storage).ListAsync(LiveDatabase, CancellationToken.None);
            return entries.FirstOrDefault(entry => entry.Kind == BackupKind.Full && entry.IsUsable)?.CompletedAt
                ?? throw new InvalidOperationException("The procedure restores to a point in time before any full backup was committed.");
        }

        /// <summary>Items per container of the bot's data (0 for a container that does not exist), of one user when given.</summary>
        public async Task<IReadOnlyDictionary<string, long>> CountAsync(string database, string? waId = null)
        {
            var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var container in BotDataModel.Containers)
            {
                long count = 0;
                using var feed = cosmos.GetContainer(database, container.Name).GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = 500 });
                while (feed.HasMoreResults)
                {
                    using var page = await feed.ReadNextAsync();
                    if (page.StatusCode == System.Net.HttpStatusCode.NotFound)
                    {
                        break;
                    }

                    page.EnsureSuccessStatusCode();
                    using var document = await JsonDocument.ParseAsync(page.Content);
                    count += document.RootElement.GetProperty("Documents").EnumerateArray()
                        .Count(item => waId is null || (item.TryGetProperty("wa_id", out var value) && value.GetString() == waId));
                }

                counts[container.Name] = count;
            }

            return counts;
        }

        public async ValueTask DisposeAsync()
        {
            // The restore test drops its own scratch database.
            foreach (var database in databases.Values)
            {
                await DropAsync(database);
            }

            await new BlobServiceClient(Settings["Backup:ConnectionString"]).GetBlobContainerClient(Settings["Backup:ContainerName"]).DeleteIfExistsAsync();
            var backupTables = new TableServiceClient(Settings["Backup:ConnectionString"]);
            foreach (var key in new[] { "Backup:CatalogTableName", "Backup:RestoreTableName", "Backup:ErasureTableName" })
            {
                await backupTables.DeleteTableAsync(Settings[key]);
            }

            await new TableServiceClient(Settings["Storage:ConnectionString"]).DeleteTableAsync(Settings["Crypto:UserKeyTableName"]);

            cosmos.Dispose();
        }

        private string DatabaseFor(string documented)
        {
            if (!databases.TryGetValue(documented, out var actual))
            {
                actual = EmulatorEndpoints.UniqueName("docsrestored");
                databases[documented] = actual;
            }

            return actual;
        }

        private async Task DropAsync(string database)
        {
            try
            {
                await cosmos.GetDatabase(database).DeleteAsync();
            }
            catch (CosmosException exception) when (exception.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Never created: the step that would have written it did not run.
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Restore.Targets;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.RestoreTest;

/// <summary>
/// Proves the newest full backup restores: into a scratch database, compared container by container with the
/// counts and content checksums recorded at backup time, and the scratch database dropped afterwards, also when
/// the test fails. The building block of the DR drills.
/// </summary>
public sealed class RestoreTester(
    RestoreService restore,
    BackupCatalog catalog,
    BackupArchives archives,
    CosmosClient cosmos,
    IRestoreTargetProvisioner targets,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<RestoreTester> logger)
{
    /// <exception cref="ArgumentException">There is no committed full backup to test.</exception>
    public async Task<RestoreTestReport> RunAsync(IProgress<RestoreStepProgress>? progress, CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(archives.Database, cancellationToken).ConfigureAwait(false);
        var full = entries.LastOrDefault(entry => entry.IsUsable && entry.Kind == BackupKind.Full)
            ?? throw new ArgumentException($"Database '{archives.Database}' has no committed full backup to test.");
        var started = time.GetTimestamp();
        // Time and a random suffix: two restore tests at once never share (or drop) one scratch database.
        var scratch = options.Value.ScratchDatabasePrefix + time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        RestoreTestReport report;
        try
        {
            var manifest = await (await archives.OpenAsync(fromSecondary: false, cancellationToken).ConfigureAwait(false))
                .ReadManifestAsync(full.BackupId, cancellationToken).ConfigureAwait(false);
            var outcome = await restore.RunToCompletionAsync(
                new RestoreRequest { BackupId = full.BackupId, TargetDatabase = scratch, RestoreId = "test-" + scratch }, progress, cancellationToken).ConfigureAwait(false);
            var comparisons = new List<ContainerComparison>();
            foreach (var part in manifest.Containers)
            {
                var restored = await ChecksumAsync(cosmos.GetContainer(scratch, part.Name), cancellationToken).ConfigureAwait(false);
                var notRestored = outcome.NotRestoredByContainer.GetValueOrDefault(part.Name);
                comparisons.Add(new ContainerComparison(part.Name, part.ItemCount, restored.Count, part.ContentChecksum, restored.ToString(), notRestored));
            }

            report = new RestoreTestReport(full.BackupId, scratch, time.GetElapsedTime(started), comparisons, null);
        }
        catch (Exception exception) when (exception is RestoreRefusedException or CosmosException or BackupIntegrityException or Azure.RequestFailedException)
        {
            report = new RestoreTestReport(full.BackupId, scratch, time.GetElapsedTime(started), [], exception.Message);
        }
        finally
        {
            await DropAsync(scratch).ConfigureAwait(false);
        }

        await catalog.SaveAsync(full with { RestoreTestedAt = time.GetUtcNow(), RestoreTestResult = report.Summary }, cancellationToken).ConfigureAwait(false);
        LogMessages.RestoreTested(logger, full.BackupId, report.Passed ? "passed" : "failed");
        return report;
    }

    private static async Task<ContentChecksum> ChecksumAsync(Container container, CancellationToken cancellationToken)
    {
        var checksum = new ContentChecksum();
        using var iterator = container.GetItemQueryStreamIterator((string?)null, null, new QueryRequestOptions { MaxItemCount = 1000 });
        while (iterator.HasMoreResults)
        {
            using var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            page.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in document.RootElement.GetProperty("Documents").EnumerateArray())
            {
                checksum.Add(CanonicalItem.From(item).Json);
            }
        }

        return checksum;
    }

    /// <summary>Not cancellable: the scratch database goes also when the test was cancelled; one never created is no error.</summary>
    private Task DropAsync(string scratch) => targets.DeleteAsync(scratch, CancellationToken.None);
}

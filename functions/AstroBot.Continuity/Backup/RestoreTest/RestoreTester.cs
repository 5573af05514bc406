using System.Globalization;
using System.Text.Json;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.RestoreTest;

/// <summary>
/// Proves the newest full backup restores: into a scratch database, read back container by container and compared
/// with the counts and content checksums recorded at backup time, and the scratch database dropped afterwards, also
/// when the test fails. The building block of the DR drills. As short steps (plan, the restore's own steps, read-back
/// slices, complete), each bounded, which the Durable <see cref="RestoreTestOrchestrator"/> and <see cref="RunAsync"/>
/// (the CLI) both drive.
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
    /// <summary>The whole test in this process.</summary>
    /// <exception cref="ArgumentException">There is no committed full backup to test.</exception>
    public async Task<RestoreTestReport> RunAsync(IProgress<RestoreStepProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        RestoreOutcome? outcome = null;
        var checksums = new List<RestoredChecksum>();
        string? error = null;
        try
        {
            outcome = await restore.RunToCompletionAsync(plan.Restore, progress, cancellationToken).ConfigureAwait(false);
            foreach (var container in plan.Containers)
            {
                var checksum = RestoredChecksum.Start(plan.ScratchDatabase, container);
                while (!checksum.Done)
                {
                    checksum = await ReadBackAsync(checksum, cancellationToken).ConfigureAwait(false);
                }

                checksums.Add(checksum);
            }
        }
        catch (Exception exception) when (exception is RestoreRefusedException or CosmosException or BackupIntegrityException or Azure.RequestFailedException)
        {
            error = exception.Message;
        }
        catch
        {
            await DropAsync(plan.ScratchDatabase).ConfigureAwait(false);
            throw;
        }

        return await CompleteAsync(new RestoreTestFindings(plan, outcome, checksums, error), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Picks the newest full backup and a scratch database no other test uses.</summary>
    /// <exception cref="ArgumentException">There is no committed full backup to test.</exception>
    public async Task<RestoreTestPlan> PlanAsync(CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(archives.Database, cancellationToken).ConfigureAwait(false);
        var full = entries.LastOrDefault(entry => entry.IsUsable && entry.Kind == BackupKind.Full)
            ?? throw new ArgumentException($"Database '{archives.Database}' has no committed full backup to test.");
        // Time and a random suffix: two restore tests at once never share (or drop) one scratch database.
        var scratch = options.Value.ScratchDatabasePrefix + time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        return new RestoreTestPlan(full.BackupId, scratch, "test-" + scratch, time.GetUtcNow(), [.. BotDataModel.Containers.Select(definition => definition.Name)]);
    }

    /// <summary>Reads the restored container on from where the last slice stopped, for at most <c>Backup:SliceDuration</c>.</summary>
    public async Task<RestoredChecksum> ReadBackAsync(RestoredChecksum checksum, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checksum);
        var started = time.GetTimestamp();
        var sum = ContentChecksum.Resume(checksum.Checksum, checksum.Count);
        var continuation = checksum.Continuation;
        using var iterator = cosmos.GetContainer(checksum.ScratchDatabase, checksum.Container)
            .GetItemQueryStreamIterator((string?)null, continuation, new QueryRequestOptions { MaxItemCount = 1000 });
        while (iterator.HasMoreResults && time.GetElapsedTime(started) < options.Value.SliceDuration)
        {
            using var page = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            page.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(page.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var item in document.RootElement.GetProperty("Documents").EnumerateArray())
            {
                sum.Add(CanonicalItem.From(item).Json);
            }

            continuation = page.ContinuationToken;
        }

        return checksum with { Continuation = continuation, Checksum = sum.ToString(), Count = sum.Count, Done = !iterator.HasMoreResults };
    }

    /// <summary>Compares, drops the scratch database (also after a failure) and records the result on the backup's catalog entry.</summary>
    public async Task<RestoreTestReport> CompleteAsync(RestoreTestFindings findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var plan = findings.Plan;
        var error = findings.Error;
        var comparisons = new List<ContainerComparison>();
        try
        {
            if (error is null)
            {
                var manifest = await (await archives.OpenAsync(fromSecondary: false, cancellationToken).ConfigureAwait(false))
                    .ReadManifestAsync(plan.BackupId, cancellationToken).ConfigureAwait(false);
                foreach (var part in manifest.Containers)
                {
                    var restored = findings.Checksums.SingleOrDefault(checksum => checksum.Container == part.Name) ?? RestoredChecksum.Start(plan.ScratchDatabase, part.Name);
                    var notRestored = findings.Outcome?.NotRestoredByContainer.GetValueOrDefault(part.Name) ?? 0;
                    comparisons.Add(new ContainerComparison(part.Name, part.ItemCount, restored.Count, part.ContentChecksum, restored.Checksum, notRestored));
                }
            }
        }
        catch (Exception exception) when (exception is BackupIntegrityException or Crypto.KeyRingException or Azure.RequestFailedException)
        {
            error = exception.Message;
        }
        finally
        {
            await DropAsync(plan.ScratchDatabase).ConfigureAwait(false);
        }

        var report = new RestoreTestReport(plan.BackupId, plan.ScratchDatabase, time.GetUtcNow() - plan.StartedAt, error is null ? comparisons : [], error);
        if (await catalog.FindAsync(archives.Database, plan.BackupId, cancellationToken).ConfigureAwait(false) is { } tested)
        {
            await catalog.SaveAsync(tested with { RestoreTestedAt = time.GetUtcNow(), RestoreTestResult = report.Summary }, cancellationToken).ConfigureAwait(false);
        }

        LogMessages.RestoreTested(logger, plan.BackupId, report.Passed ? "passed" : "failed");
        return report;
    }

    /// <summary>Not cancellable: the scratch database goes also when the test was cancelled; one never created is no error.</summary>
    private Task DropAsync(string scratch) => targets.DeleteAsync(scratch, CancellationToken.None);
}

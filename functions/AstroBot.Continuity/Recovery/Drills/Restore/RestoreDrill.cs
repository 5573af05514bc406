using System.Net;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Backup.Restore.Targets;
using AstroBot.Continuity.Backup.RestoreTest;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.Restore;

/// <summary>
/// The restore drill's own steps (scenario <c>DataCorruption</c>): plan the newest backup chain into a scratch database,
/// compare a sample of live items with what was restored, and complete: check the counts (and, for a full backup alone,
/// the content checksums) against the manifests, measure RTO (start to verified data) and RPO (start against the newest
/// change captured), drop the scratch database, record. The restore itself is the restore orchestration and the
/// read-back the restore test's (<see cref="RestoreTester.ReadBackAsync"/>).
/// </summary>
public sealed class RestoreDrill(
    BackupCatalog catalog,
    BackupArchives archives,
    CosmosClient cosmos,
    IRestoreTargetProvisioner targets,
    DrillRecorder recorder,
    IOptions<BackupOptions> backupOptions,
    IOptions<RecoveryOptions> options,
    TimeProvider time)
{
    /// <summary>Chooses the newest chain and a scratch database named after the drill, and records both on the drill.</summary>
    /// <exception cref="ArgumentException">No committed backup to drill on, or the scratch database exists already (it is not ours to overwrite or drop).</exception>
    public async Task<RestoreDrillPlan> PlanAsync(DrillStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var record = await recorder.GetAsync(start.DrillId, cancellationToken).ConfigureAwait(false);
        var chain = BackupChain.Resolve(await catalog.ListAsync(archives.Database, cancellationToken).ConfigureAwait(false), null, null);
        if (chain.Count == 0)
        {
            throw new ArgumentException($"Database '{archives.Database}' has no committed full backup to drill on.");
        }

        var scratch = backupOptions.Value.ScratchDatabasePrefix + start.DrillId;
        if (await ExistsAsync(scratch, cancellationToken).ConfigureAwait(false))
        {
            throw new ArgumentException($"The scratch database '{scratch}' exists already; the drill neither writes into it nor drops it.");
        }

        var plan = new RestoreDrillPlan(
            start.DrillId, record.StartedAt, [.. chain.Select(entry => entry.BackupId)], chain[^1].StartedAt, scratch, "drill-" + start.DrillId,
            [.. BotDataModel.Containers.Select(definition => definition.Name)]);
        await recorder.NoteAsync(start.DrillId, new Dictionary<string, string>
        {
            [DrillFacts.ScratchDatabase] = scratch,
            ["backups"] = string.Join(' ', plan.BackupIds),
            ["captured_before"] = plan.CapturedBefore.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary>Compares a sample of live items last changed before the backup's point with the restored ones (<see cref="LiveSample"/>).</summary>
    public Task<SampleComparison> CompareSampleAsync(SampleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LiveSample.CompareAsync(
            cosmos.GetContainer(archives.Database, request.Container), cosmos.GetContainer(request.ScratchDatabase, request.Container),
            request.CapturedBefore, options.Value.SampleSize, cancellationToken);
    }

    /// <summary>
    /// Checks what the drill found, measures, drops the scratch database (also after a failure) and records the drill as
    /// passed, missed or failed.
    /// </summary>
    public async Task<DrillRecord> CompleteAsync(RestoreDrillFindings findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var plan = findings.Plan;
        var steps = findings.Steps.ToList();
        var facts = new Dictionary<string, string>();
        var error = findings.Error;
        if (error is null)
        {
            var checkStarted = time.GetUtcNow();
            error = await CheckAsync(findings, facts, cancellationToken).ConfigureAwait(false);
            steps.Add(new DrillStep("check against the manifests", checkStarted, time.GetUtcNow(), error is null, error ?? $"{facts["items_applied"]} items applied as the manifests count them"));
        }

        // The data is verified now: what follows (the drop, the record) is not part of a recovery.
        var verifiedAt = time.GetUtcNow();

        var dropStarted = time.GetUtcNow();
        string? dropError = null;
        try
        {
            await targets.DeleteAsync(plan.ScratchDatabase, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RestoreTargetException exception)
        {
            dropError = $"The scratch database '{plan.ScratchDatabase}' was not dropped: {exception.Message}";
        }

        steps.Add(new DrillStep("drop the scratch database", dropStarted, time.GetUtcNow(), dropError is null, dropError ?? plan.ScratchDatabase));
        var measured = error is null && findings.Outcome is { } outcome;
        return await recorder.CompleteAsync(
            plan.DrillId,
            steps,
            facts,
            rto: measured ? verifiedAt - plan.StartedAt : null,
            rpo: measured ? plan.StartedAt - findings.Outcome!.ConsistentAt : null,
            error ?? dropError,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> CheckAsync(RestoreDrillFindings findings, Dictionary<string, string> facts, CancellationToken cancellationToken)
    {
        var outcome = findings.Outcome!;
        var reader = await archives.OpenAsync(fromSecondary: false, cancellationToken).ConfigureAwait(false);
        var manifests = new List<BackupManifest>();
        foreach (var backupId in findings.Plan.BackupIds)
        {
            manifests.Add(await reader.ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false));
        }

        // Every item the manifests hold was written, or kept out as an erased user's (shredded) or another user's.
        var inManifests = manifests.Sum(manifest => manifest.ItemCount);
        var applied = outcome.ItemsWritten + outcome.NotRestoredByContainer.Values.Sum();
        facts["items_applied"] = applied.ToString(System.Globalization.CultureInfo.InvariantCulture);
        facts["items_in_manifests"] = inManifests.ToString(System.Globalization.CultureInfo.InvariantCulture);
        facts["items_restored"] = findings.Checksums.Sum(checksum => checksum.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
        facts["sample_compared"] = findings.Samples.Sum(sample => sample.Compared).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problems = new List<string>();
        if (applied != inManifests)
        {
            problems.Add($"{applied} items applied, the manifests hold {inManifests}");
        }

        if (manifests.Count == 1)
        {
            // A full backup alone: what the scratch database holds is exactly what the manifest describes.
            foreach (var part in manifests[0].Containers)
            {
                var restored = findings.Checksums.SingleOrDefault(checksum => checksum.Container == part.Name) ?? RestoredChecksum.Start(findings.Plan.ScratchDatabase, part.Name);
                var comparison = new ContainerComparison(
                    part.Name, part.ItemCount, restored.Count, part.ContentChecksum, restored.Checksum, outcome.NotRestoredByContainer.GetValueOrDefault(part.Name));
                if (comparison.Problem is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        foreach (var sample in findings.Samples.Where(sample => sample.Differing > 0))
        {
            problems.Add($"{sample.Container}: {sample.Differing} of {sample.Compared} live items last changed before the backup are missing or different in the restore");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private async Task<bool> ExistsAsync(string database, CancellationToken cancellationToken)
    {
        using var read = await cosmos.GetDatabase(database).ReadStreamAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return read.StatusCode != HttpStatusCode.NotFound;
    }
}

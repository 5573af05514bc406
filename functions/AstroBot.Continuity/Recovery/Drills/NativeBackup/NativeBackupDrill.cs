using System.Globalization;
using System.Text.Json;
using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Recovery.ResourceManager;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

/// <summary>
/// The native backup drill's own steps (scenario <c>DeletedResources</c>): plan a point-in-time restore of the live
/// account's continuous backup into a new account named after the drill, start it, poll it, check the restored data as
/// the restore drill does (a sample of live items last changed before the restore point must be there unchanged, and
/// each container counted), start the new account's deletion, and complete: measure RTO (start to verified data) and
/// RPO (start against the restore point) and record. Resource Manager is <see cref="CosmosNativeRestore"/>'s; the restored
/// account's data is reached through <see cref="IRestoredAccountData"/>.
/// </summary>
public sealed class NativeBackupDrill(
    CosmosNativeRestore native,
    IRestoredAccountData restoredData,
    CosmosClient cosmos,
    DrillRecorder recorder,
    IOptions<RecoveryArmOptions> armOptions,
    IOptions<NativeBackupDrillOptions> drillOptions,
    IOptions<RecoveryOptions> recoveryOptions,
    IOptions<CosmosOptions> cosmosOptions)
{
    private const int CountPageSize = 1000;
    private const int MaxCountPages = 50;

    /// <summary>Chooses the restore point and the new account's name, and records both on the drill.</summary>
    /// <exception cref="ArgumentException">Resource Manager is not configured here (the local host), or the id makes no account name.</exception>
    public async Task<NativeBackupDrillPlan> PlanAsync(DrillStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        try
        {
            _ = armOptions.Value;
        }
        catch (OptionsValidationException exception)
        {
            throw new ArgumentException(
                "The native backup drill runs only in Azure, through Resource Manager, and this host has no Resource Manager configured " +
                $"(the local host never has): {string.Join("; ", exception.Failures)}.", exception);
        }

        var record = await recorder.GetAsync(start.DrillId, cancellationToken).ConfigureAwait(false);
        var settings = drillOptions.Value;
        var plan = new NativeBackupDrillPlan(
            start.DrillId, record.StartedAt, record.StartedAt - settings.RestorePointAge, NativeBackupAccountName.For(start.DrillId), cosmosOptions.Value.DatabaseName,
            [.. BotDataModel.Containers.Select(definition => definition.Name)], settings.PollInterval, settings.Timeout);
        // Recorded before the account exists: a drill abandoned from here on is cleaned up by deleting it.
        await recorder.NoteAsync(start.DrillId, new Dictionary<string, string>
        {
            [DrillFacts.RestoredAccount] = plan.Account,
            ["restore_point"] = plan.RestorePoint.ToString("O", CultureInfo.InvariantCulture),
        }, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <exception cref="RecoveryArmException">Refused (no role, a conflict, a point outside the backup's window).</exception>
    public Task<ArmOperationState> StartRestoreAsync(NativeBackupDrillPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return native.StartRestoreAsync(plan.Account, plan.RestorePoint, cancellationToken);
    }

    /// <summary>Polls the restore or the deletion once.</summary>
    /// <exception cref="RecoveryArmException">The operation failed, or a refusal.</exception>
    public Task<ArmOperationState> PollAsync(ArmOperationLink link, CancellationToken cancellationToken) => native.PollAsync(link, cancellationToken);

    public Task<ArmOperationState> StartDeleteAsync(NativeBackupDrillPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return native.StartDeleteAsync(plan.Account, cancellationToken);
    }

    /// <summary>Compares a sample of live items last changed before the restore point with the restored account's (<see cref="LiveSample"/>).</summary>
    public async Task<SampleComparison> CompareSampleAsync(RestoredContainerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = await native.ReadEndpointAsync(request.Account, cancellationToken).ConfigureAwait(false);
        using var restored = restoredData.Open(endpoint, request.Database);
        return await LiveSample.CompareAsync(
            cosmos.GetContainer(request.Database, request.Container), restored.Database.GetContainer(request.Container),
            request.RestorePoint, recoveryOptions.Value.SampleSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the restored container on from where the last call stopped, a bounded number of read-feed pages at a time.</summary>
    public async Task<RestoredCount> CountAsync(RestoredCount count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(count);
        var request = count.Request;
        var endpoint = await native.ReadEndpointAsync(request.Account, cancellationToken).ConfigureAwait(false);
        using var restored = restoredData.Open(endpoint, request.Database);
        var total = count.Count;
        var continuation = count.Continuation;
        using var iterator = restored.Database.GetContainer(request.Container)
            .GetItemQueryStreamIterator((string?)null, continuation, new QueryRequestOptions { MaxItemCount = CountPageSize });
        for (var page = 0; page < MaxCountPages && iterator.HasMoreResults; page++)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            using var document = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken).ConfigureAwait(false);
            total += document.RootElement.GetProperty("Documents").GetArrayLength();
            continuation = response.ContinuationToken;
        }

        return count with { Continuation = continuation, Count = total, Done = !iterator.HasMoreResults };
    }

    /// <summary>Judges what the drill found, measures and records it as passed, missed or failed (the account is deleted by then, or the reason why not is in the findings).</summary>
    public Task<DrillRecord> CompleteAsync(NativeBackupDrillFindings findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var plan = findings.Plan;
        var facts = new Dictionary<string, string>
        {
            ["sample_compared"] = findings.Samples.Sum(sample => sample.Compared).ToString(CultureInfo.InvariantCulture),
        };
        foreach (var count in findings.Counts)
        {
            facts[$"items_restored_{count.Request.Container}"] = count.Count.ToString(CultureInfo.InvariantCulture);
        }

        var problems = findings.Samples
            .Where(sample => sample.Differing > 0)
            .Select(sample => $"{sample.Container}: {sample.Differing} of {sample.Compared} live items last changed before the restore point are missing or different in the restored account")
            .ToList();
        var error = findings.Error ?? (problems.Count == 0 ? null : string.Join("; ", problems));
        var measured = error is null && findings.VerifiedAt is not null;
        // An account left behind fails the drill too (it is billed while it exists), beside whatever else went wrong.
        var reasons = new[] { error, findings.DeleteError }.OfType<string>().ToList();
        return recorder.CompleteAsync(
            plan.DrillId,
            findings.Steps,
            facts,
            rto: measured ? findings.VerifiedAt - plan.StartedAt : null,
            rpo: measured ? plan.StartedAt - plan.RestorePoint : null,
            reasons.Count == 0 ? null : string.Join("; ", reasons),
            cancellationToken);
    }
}

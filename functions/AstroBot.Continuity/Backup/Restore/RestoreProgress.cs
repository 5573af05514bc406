using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// Which steps of a restore are done (table <c>Backup:RestoreTableName</c>, one partition per restore), so a restore
/// that died resumes where it stopped instead of starting over, and a resumed restore is not refused for the
/// items it wrote itself.
/// </summary>
public sealed class RestoreProgress(TableClient table)
{
    private const string PlanRow = "plan";

    public async Task StartAsync(RestorePlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(plan.RestoreId, PlanRow) { ["TargetDatabase"] = plan.TargetDatabase, ["Steps"] = plan.Steps.Count },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The target of an earlier attempt of this restore, or null when it never started.</summary>
    public async Task<string?> FindTargetAsync(string restoreId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(restoreId, PlanRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            return row.HasValue ? row.Value!.GetString("TargetDatabase") : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> IsDoneAsync(string restoreId, RestoreStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(restoreId, RowKey(step), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue;
    }

    public async Task MarkDoneAsync(string restoreId, RestoreStep step, RestoreStepResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(result);
        await table.UpsertEntityAsync(
            new TableEntity(restoreId, RowKey(step))
            {
                ["ItemsWritten"] = result.ItemsWritten, ["ShreddedItems"] = result.ShreddedItems, ["RecoveredItems"] = result.RecoveredItems,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountDoneAsync(string restoreId, CancellationToken cancellationToken)
    {
        var done = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(row => row.PartitionKey == restoreId && row.RowKey != PlanRow, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            done++;
        }

        return done;
    }

    // Row keys may not hold '/'.
    private static string RowKey(RestoreStep step) => $"{step.BackupId}|{step.ChunkName.Replace('/', '!')}";
}

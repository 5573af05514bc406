using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// A restore's own record (table <c>Backup:RestoreTableName</c>, one partition per restore): a row per step with the
/// chunk it restores, what its check found and what it wrote, and the plan row, written last. Activities take a
/// restore id and a step number and read the rest here, so the Durable history holds ids and counts, never plans,
/// and a restore that died resumes where it stopped.
/// </summary>
public sealed class RestoreProgress(TableClient table)
{
    private const string PlanRow = "plan";

    // A table transaction holds at most 100 operations, all in one partition (the restore's).
    private const int TransactionSize = 100;

    /// <summary>Records a new restore: every step, then the plan row that says they are all there.</summary>
    public async Task SaveAsync(RestoreRecord record, IReadOnlyList<RestoreStep> steps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(steps);
        var start = record.Start;
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var rows = steps.Select((step, index) => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(start.RestoreId, StepRow(index))
        {
            ["BackupId"] = step.BackupId,
            ["Container"] = step.Container,
            ["ChunkName"] = step.ChunkName,
            ["ItemCount"] = step.ItemCount,
        }));
        foreach (var transaction in rows.Chunk(TransactionSize))
        {
            await table.SubmitTransactionAsync(transaction, cancellationToken).ConfigureAwait(false);
        }

        await table.UpsertEntityAsync(
            new TableEntity(start.RestoreId, PlanRow)
            {
                ["TargetDatabase"] = start.TargetDatabase,
                ["BackupIds"] = string.Join(' ', start.BackupIds),
                ["ConsistentAt"] = start.ConsistentAt,
                ["Batches"] = string.Join(';', start.Batches.Select(batch => $"{batch.BackupId} {batch.FirstStep} {batch.StepCount} {batch.InOrder}")),
                ["Parallelism"] = start.Parallelism,
                ["FirstRetryInterval"] = start.FirstRetryInterval.ToString("c", CultureInfo.InvariantCulture),
                ["OnlyUser"] = record.OnlyUserReference ?? string.Empty,
                ["Containers"] = string.Join(' ', record.Containers),
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An earlier attempt of this restore, or null when it never got as far as its plan row.</summary>
    public async Task<RestoreRecord?> FindAsync(string restoreId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(restoreId, PlanRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            return row.HasValue ? ToRecord(row.Value!) : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <exception cref="InvalidOperationException">No such restore, or no such step in it.</exception>
    public async Task<RestoreRecord> GetAsync(string restoreId, CancellationToken cancellationToken) =>
        await FindAsync(restoreId, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Restore {restoreId} has no plan in the restore table.");

    /// <summary>The step's row: its chunk, its check and its result so far.</summary>
    /// <exception cref="InvalidOperationException">No such step.</exception>
    public async Task<RestoreStepRow> StepAsync(RestoreStepRef step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(step.RestoreId, StepRow(step.Step), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue
            ? ToStepRow(row.Value!)
            : throw new InvalidOperationException($"Restore {step.RestoreId} has no step {step.Step}.");
    }

    public Task RecordCheckAsync(RestoreStepRef step, long lostItems, IReadOnlyCollection<string> lostUsers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(lostUsers);
        return MergeAsync(step, new() { ["Checked"] = true, ["LostItems"] = lostItems, ["LostUsers"] = string.Join(' ', lostUsers) }, cancellationToken);
    }

    public Task MarkDoneAsync(RestoreStepRef step, RestoreStepResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(result);
        return MergeAsync(
            step,
            new()
            {
                ["Done"] = true,
                ["ItemsWritten"] = result.ItemsWritten,
                ["ShreddedItems"] = result.ShreddedItems,
                ["LeftOutItems"] = result.LeftOutItems,
                ["RecoveredItems"] = result.RecoveredItems,
            },
            cancellationToken);
    }

    /// <summary>Every step's row: its chunk, its check and its result so far.</summary>
    public async Task<IReadOnlyList<RestoreStepRow>> StepsAsync(string restoreId, CancellationToken cancellationToken)
    {
        var rows = new List<RestoreStepRow>();
        await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == restoreId && row.RowKey != PlanRow, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(ToStepRow(row));
        }

        return rows;
    }

    private Task MergeAsync(RestoreStepRef step, TableEntity fields, CancellationToken cancellationToken)
    {
        fields.PartitionKey = step.RestoreId;
        fields.RowKey = StepRow(step.Step);
        return table.UpsertEntityAsync(fields, TableUpdateMode.Merge, cancellationToken);
    }

    private static string StepRow(int index) => "step-" + index.ToString("D6", CultureInfo.InvariantCulture);

    private static RestoreStepRow ToStepRow(TableEntity row) => new(
        new RestoreStep(row.GetString("BackupId")!, row.GetString("Container")!, row.GetString("ChunkName")!, row.GetInt32("ItemCount") ?? 0),
        row.GetBoolean("Checked") == true,
        row.GetInt64("LostItems") ?? 0,
        (row.GetString("LostUsers") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        row.GetBoolean("Done") == true ? ToResult(row) : null);

    private static RestoreStepResult ToResult(TableEntity row) => new(
        row.GetString("Container")!,
        row.GetInt64("ItemsWritten") ?? 0,
        row.GetInt64("ShreddedItems") ?? 0,
        row.GetInt64("LeftOutItems") ?? 0,
        AlreadyDone: false,
        row.GetInt64("RecoveredItems") ?? 0);

    private static RestoreRecord ToRecord(TableEntity row)
    {
        var batches = (row.GetString("Batches") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(batch => batch.Split(' '))
            .Select(parts => new RestoreBatch(
                parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), bool.Parse(parts[3])))
            .ToList();
        var start = new RestoreStart(
            row.PartitionKey,
            row.GetString("TargetDatabase")!,
            (row.GetString("BackupIds") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            row.GetDateTimeOffset("ConsistentAt") ?? DateTimeOffset.MinValue,
            batches,
            row.GetInt32("Parallelism") ?? 1,
            TimeSpan.Parse(row.GetString("FirstRetryInterval") ?? "00:00:05", CultureInfo.InvariantCulture));
        var onlyUser = row.GetString("OnlyUser");
        return new RestoreRecord(
            start, string.IsNullOrEmpty(onlyUser) ? null : onlyUser, (row.GetString("Containers") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>A restore as its plan row records it.</summary>
/// <param name="OnlyUserReference">In a one-user restore, the user's reference (never the phone number).</param>
/// <param name="Containers">The containers restored, each created in the target even when its backups hold no chunk.</param>
public sealed record RestoreRecord(RestoreStart Start, string? OnlyUserReference, IReadOnlyList<string> Containers);

/// <summary>One step's row: its chunk, whether it was checked and what the check found, and its result once written.</summary>
public sealed record RestoreStepRow(RestoreStep Step, bool Checked, long LostItems, IReadOnlyList<string> LostUsers, RestoreStepResult? Result);

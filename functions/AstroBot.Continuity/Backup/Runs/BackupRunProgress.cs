using System.Globalization;
using System.Text.Json;
using AstroBot.Continuity.Backup.Format;
using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// A backup run's checkpoints (table <c>Backup:RunTableName</c>, one partition per backup id): the run row (its kind,
/// parent, start and wrapped data key), a row per part of each container (<see cref="ContainerCheckpoint"/>: one per
/// feed range for a full, from when the run is planned) and a row per chunk written. Each step of the run reads its state from here, and a run killed part-way
/// is resumed from them by the next start; a committed run's rows are removed.
/// </summary>
public sealed class BackupRunProgress(TableClient table)
{
    private const string RunRow = "run";

    // A table transaction holds at most 100 operations: the container's row and up to 99 chunk rows.
    private const int MaxChunksPerTransaction = 99;

    public async Task StartAsync(BackupRunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(run.BackupId, RunRow)
            {
                ["ParentBackupId"] = run.ParentBackupId,
                ["StartedAt"] = run.StartedAt,
                ["Encryption"] = JsonSerializer.Serialize(run.Encryption),
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run as its start recorded it, or null when it never got that far.</summary>
    public async Task<BackupRunRecord?> FindAsync(string backupId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(backupId, RunRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            return row.HasValue
                ? new BackupRunRecord(
                    backupId,
                    row.Value!.GetString("ParentBackupId"),
                    row.Value.GetDateTimeOffset("StartedAt")!.Value,
                    JsonSerializer.Deserialize<ManifestEncryption>(row.Value.GetString("Encryption")!)!)
                : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Where the run got with part <paramref name="range"/> of <paramref name="container"/>, or null when it had not planned it.</summary>
    public async Task<ContainerCheckpoint?> FindAsync(string backupId, string container, int range, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(backupId, PartRow(container, range), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue)
        {
            return null;
        }

        var state = row.Value!;
        var chunkCount = state.GetInt32("Chunks") ?? 0;
        var chunks = new List<ChunkManifest>();
        // Chunk rows past the checkpoint belong to chunks written after it, which the resumed run writes again.
        await foreach (var chunk in table.QueryAsync<TableEntity>(
                           candidate => candidate.PartitionKey == backupId
                                        && candidate.RowKey.CompareTo(ChunkRow(container, range, 0)) >= 0
                                        && candidate.RowKey.CompareTo(ChunkRow(container, range, chunkCount)) < 0,
                           cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            chunks.Add(new ChunkManifest(chunk.GetString("Name")!, chunk.GetInt32("ItemCount") ?? 0, chunk.GetInt64("Bytes") ?? 0, chunk.GetString("Sha256")!));
        }

        return new ContainerCheckpoint(
            container,
            range,
            state.GetInt32("Ranges") ?? 1,
            state.GetString("FeedRange"),
            state.GetString("ChangeFeedStart")!,
            state.GetString("Continuation"),
            chunks,
            state.GetString("Checksum")!,
            state.GetInt64("ItemCount") ?? 0,
            state.GetInt64("RawBytes") ?? 0,
            state.GetInt64("LeftOutItems") ?? 0,
            state.GetInt32("LeftOutUsers") ?? 0,
            state.GetDouble("RequestCharge") ?? 0,
            state.GetInt32("Throttles") ?? 0,
            state.GetBoolean("Done") ?? false,
            state.GetString("ChangeFeedEnd"));
    }

    /// <summary>
    /// Every part of <paramref name="container"/> the run planned, in order; empty when it had not planned the
    /// container (its parts are recorded last to first, so the first exists only once all do).
    /// </summary>
    public async Task<IReadOnlyList<ContainerCheckpoint>> FindPartsAsync(string backupId, string container, CancellationToken cancellationToken)
    {
        if (await FindAsync(backupId, container, 0, cancellationToken).ConfigureAwait(false) is not { } first)
        {
            return [];
        }

        var parts = new List<ContainerCheckpoint> { first };
        for (var range = 1; range < first.Ranges; range++)
        {
            parts.Add(await FindAsync(backupId, container, range, cancellationToken).ConfigureAwait(false)
                      ?? throw new InvalidOperationException($"Backup {backupId} has no checkpoint for part {range} of container {container}."));
        }

        return parts;
    }

    /// <summary>Records the checkpoint and the chunks written since <paramref name="savedChunks"/>, the part's row last.</summary>
    public async Task SaveAsync(string backupId, ContainerCheckpoint checkpoint, int savedChunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var chunkRows = checkpoint.Chunks.Skip(savedChunks).Select((chunk, offset) => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace,
            new TableEntity(backupId, ChunkRow(checkpoint.Container, checkpoint.Range, savedChunks + offset))
            {
                ["Name"] = chunk.Name, ["ItemCount"] = chunk.ItemCount, ["Bytes"] = chunk.Bytes, ["Sha256"] = chunk.Sha256,
            }));
        foreach (var batch in chunkRows.Chunk(MaxChunksPerTransaction))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        await table.UpsertEntityAsync(
            new TableEntity(backupId, PartRow(checkpoint.Container, checkpoint.Range))
            {
                ["Ranges"] = checkpoint.Ranges,
                ["FeedRange"] = checkpoint.FeedRange,
                ["ChangeFeedStart"] = checkpoint.ChangeFeedStart,
                ["Continuation"] = checkpoint.Continuation,
                ["Chunks"] = checkpoint.Chunks.Count,
                ["Checksum"] = checkpoint.Checksum,
                ["ItemCount"] = checkpoint.ItemCount,
                ["RawBytes"] = checkpoint.RawBytes,
                ["LeftOutItems"] = checkpoint.LeftOutItems,
                ["LeftOutUsers"] = checkpoint.LeftOutUsers,
                ["RequestCharge"] = checkpoint.RequestCharge,
                ["Throttles"] = checkpoint.Throttles,
                ["Done"] = checkpoint.Done,
                ["ChangeFeedEnd"] = checkpoint.ChangeFeedEnd,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a run's checkpoints once it is committed (or given up): nothing resumes it any more.</summary>
    public async Task DeleteAsync(string backupId, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(row => row.PartitionKey == backupId, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // No table: nothing to remove.
        }
    }

    private static string PartRow(string container, int range) => $"container-{container}-{range.ToString("D3", CultureInfo.InvariantCulture)}";

    private static string ChunkRow(string container, int range, int sequence) =>
        $"chunk-{container}-{range.ToString("D3", CultureInfo.InvariantCulture)}-{sequence.ToString("D6", CultureInfo.InvariantCulture)}";
}

/// <summary>What a run recorded at its start: enough to go on with it after a kill.</summary>
/// <param name="Encryption">The run's data key, wrapped by the KEK, as its manifest will record it.</param>
public sealed record BackupRunRecord(string BackupId, string? ParentBackupId, DateTimeOffset StartedAt, ManifestEncryption Encryption);

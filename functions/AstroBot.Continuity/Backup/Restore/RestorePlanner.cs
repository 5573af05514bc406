using System.Globalization;
using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Reading;
using AstroBot.Continuity.Crypto;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Backup.Restore;

/// <summary>
/// Plans a restore from manifests alone (chooses the backups, authenticates their manifests and data keys, refuses
/// to overwrite) and records it step by step in its progress table; the chunks are checked afterwards, one activity
/// each, so planning stays short at any size. A restore id planned before is resumed as recorded.
/// </summary>
internal sealed class RestorePlanner(
    BackupArchives archives, BackupCatalog catalog, CosmosClient cosmos, ErasureJournal erasures, RestoreProgress progress, BackupOptions options, TimeProvider time)
{
    /// <exception cref="RestoreRefusedException">Nothing to restore, a backup that is not whole or readable, or a target that would be overwritten.</exception>
    public async Task<RestoreRecord> PlanAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RestoreId is { } resumed && await progress.FindAsync(resumed, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            // A resumed restore goes on into the database it started in; resuming into another would skip the steps done there.
            return request.TargetDatabase is { } target && target != earlier.Start.TargetDatabase
                ? throw new RestoreRefusedException($"Restore {resumed} was started into database '{earlier.Start.TargetDatabase}'; resume it there, or start a new restore.")
                : earlier;
        }

        var source = archives.Database;
        var containers = ChooseContainers(request.Containers);
        var chain = await ResolveChainAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.WaId is { } waId
            && (await erasures.FindManyAsync([UserReferences.For(waId)], cancellationToken).ConfigureAwait(false)).Values.SingleOrDefault() is { } erasure
            && erasure.ErasedAfter(chain[^1].StartedAt))
        {
            throw new RestoreRefusedException("That user was erased after these backups were taken; what they had then is never restored.");
        }

        var steps = new List<RestoreStep>();
        var batches = new List<RestoreBatch>();
        var reader = await RestoreChunks.OpenReaderAsync(archives, cancellationToken).ConfigureAwait(false);
        foreach (var entry in chain)
        {
            var manifest = await RestoreChunks.ReadManifestAsync(reader, entry.BackupId, cancellationToken).ConfigureAwait(false);
            RestoreChunks.CheckDataKey(reader, manifest);
            var first = steps.Count;
            steps.AddRange(manifest.Containers
                .Where(part => containers.Contains(part.Name))
                .SelectMany(part => part.Chunks.Select(chunk => new RestoreStep(manifest.BackupId, part.Name, chunk.Name, chunk.ItemCount))));
            batches.Add(new RestoreBatch(manifest.BackupId, first, steps.Count - first, InOrder: manifest.Kind == BackupKind.Incremental));
        }

        var restoreId = request.RestoreId ?? NewRestoreId();
        var targetDatabase = request.TargetDatabase
            ?? $"{source}-restore-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        await CheckTargetAsync(source, targetDatabase, containers, request, cancellationToken).ConfigureAwait(false);
        var start = new RestoreStart(
            restoreId, targetDatabase, [.. chain.Select(entry => entry.BackupId)], chain[^1].CompletedAt!.Value, batches, options.RestoreParallelism, options.RetryInterval);
        var record = new RestoreRecord(start, request.WaId is null ? null : UserReferences.For(request.WaId), [.. containers.Order(StringComparer.Ordinal)]);
        await progress.SaveAsync(record, steps, cancellationToken).ConfigureAwait(false);
        return record;
    }

    private static HashSet<string> ChooseContainers(IReadOnlyList<string> requested)
    {
        var known = BotDataModel.Containers.Select(container => container.Name).ToList();
        if (requested.FirstOrDefault(name => !known.Contains(name)) is { } unknown)
        {
            throw new RestoreRefusedException($"'{unknown}' is not a container of the bot's data; the containers are {string.Join(", ", known)}.");
        }

        return new HashSet<string>(requested.Count == 0 ? known : requested, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<BackupCatalogEntry>> ResolveChainAsync(RestoreRequest request, CancellationToken cancellationToken)
    {
        var entries = await catalog.ListAsync(archives.Database, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<BackupCatalogEntry> chain;
        try
        {
            chain = BackupChain.Resolve(entries, request.BackupId is null or "latest" ? null : request.BackupId, request.At);
        }
        catch (ArgumentException exception)
        {
            throw new RestoreRefusedException(exception.Message, exception);
        }

        return chain.Count > 0
            ? chain
            : throw new RestoreRefusedException(request.At is { } at
                ? $"No committed full backup of database '{archives.Database}' was completed by {at:O}."
                : $"Database '{archives.Database}' has no committed backup yet.");
    }

    private async Task CheckTargetAsync(string source, string target, IReadOnlySet<string> containers, RestoreRequest request, CancellationToken cancellationToken)
    {
        if (request.Force)
        {
            return;
        }

        if (target == source)
        {
            throw new RestoreRefusedException($"Restoring into the live database '{source}' overwrites live data; add --force to do it on purpose.");
        }

        var nonEmpty = await new RestoreTarget(cosmos, target).NonEmptyContainersAsync(containers, request.WaId, cancellationToken).ConfigureAwait(false);
        if (nonEmpty.Count > 0)
        {
            throw new RestoreRefusedException(
                $"Database '{target}' already holds items in {string.Join(", ", nonEmpty)}{(request.WaId is null ? string.Empty : " for that user")}; restore elsewhere or add --force to overwrite.");
        }
    }

    private string NewRestoreId() =>
        $"restore-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}

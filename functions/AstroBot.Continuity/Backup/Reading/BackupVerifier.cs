using System.Security.Cryptography;
using AstroBot.Continuity.Backup.Format;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Crypto;

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>
/// Verifies one backup (<see cref="VerifyLevel"/>). Problems are collected, not thrown, so one run names every
/// bad chunk; only a manifest that does not authenticate ends the check at once, since nothing else can be trusted.
/// </summary>
public sealed class BackupVerifier(BackupArchiveReader reader, UserKeyStore userKeyStore, ErasureJournal erasures)
{
    public async Task<VerifyReport> VerifyAsync(string backupId, VerifyLevel level, bool fromSecondary, CancellationToken cancellationToken)
    {
        if (level == VerifyLevel.Deep)
        {
            var progress = DeepVerifyProgress.Start(backupId, fromSecondary);
            while (!progress.Done)
            {
                progress = await DeepSliceAsync(progress, sliceOver: () => false, cancellationToken).ConfigureAwait(false);
            }

            return progress.ToReport();
        }

        var (manifest, problem) = await ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false);
        return manifest is null
            ? new VerifyReport(backupId, level, fromSecondary, 0, 0, [problem!])
            : await QuickAsync(manifest, fromSecondary, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VerifyReport> QuickAsync(BackupManifest manifest, bool fromSecondary, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var chunk in manifest.Containers.SelectMany(container => container.Chunks))
        {
            if (await reader.CheckChunkPresentAsync(manifest, chunk, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                problems.Add($"Backup {manifest.BackupId}: {problem}.");
            }
        }

        return new VerifyReport(manifest.BackupId, VerifyLevel.Quick, fromSecondary, 0, 0, problems);
    }

    /// <summary>Deep-checks the backup's chunks from where <paramref name="progress"/> stopped until <paramref name="sliceOver"/> (asked after each chunk) or the end.</summary>
    public async Task<DeepVerifyProgress> DeepSliceAsync(DeepVerifyProgress progress, Func<bool> sliceOver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(sliceOver);
        var (manifest, problem) = await ReadManifestAsync(progress.BackupId, cancellationToken).ConfigureAwait(false);
        if (manifest is null)
        {
            return progress.EndedBy(problem!);
        }

        byte[] dataKey;
        try
        {
            dataKey = reader.OpenDataKey(manifest);
        }
        catch (Exception exception) when (exception is BackupIntegrityException or KeyRingException)
        {
            return progress.EndedBy(exception.Message);
        }

        try
        {
            var userKeys = await RunUserKeys.LoadAsync(userKeyStore, cancellationToken).ConfigureAwait(false);
            var keys = new BlockKeys(manifest.BackupId, manifest.StartedAt, dataKey, reader.KeyRing, userKeys, await erasures.LoadAsync(cancellationToken).ConfigureAwait(false));
            var problems = new List<string>(progress.Problems);
            var lostUsers = new HashSet<string>(progress.LostUsers, StringComparer.Ordinal);
            var (containerIndex, chunkIndex, containerItems, items, shredded, lost) =
                (progress.Container, progress.Chunk, progress.ContainerItems, progress.Items, progress.Shredded, progress.LostItems);
            DeepVerifyProgress Now(bool done) => progress with
            {
                Container = containerIndex, Chunk = chunkIndex, ContainerItems = containerItems, Items = items, Shredded = shredded, LostItems = lost,
                LostUsers = [.. lostUsers], Problems = [.. problems], Done = done,
            };

            for (; containerIndex < manifest.Containers.Count; containerIndex++, chunkIndex = 0, containerItems = 0)
            {
                var container = manifest.Containers[containerIndex];
                while (chunkIndex < container.Chunks.Count)
                {
                    var chunk = container.Chunks[chunkIndex++];
                    try
                    {
                        var blocks = await reader.ReadChunkAsync(manifest, chunk, dataKey, cancellationToken).ConfigureAwait(false);
                        var contents = await ChunkItems.OpenAsync(chunk.Name, blocks, keys, includeUser: null, cancellationToken).ConfigureAwait(false);
                        if (contents.TotalItems != chunk.ItemCount)
                        {
                            problems.Add($"Backup {manifest.BackupId}: chunk {chunk.Name} holds {contents.TotalItems} items, the manifest says {chunk.ItemCount}.");
                        }

                        containerItems += contents.TotalItems;
                        items += contents.Items.Count;
                        shredded += contents.ShreddedItems;
                        lost += contents.LostItems;
                        lostUsers.UnionWith(contents.LostUsers);
                    }
                    catch (BackupIntegrityException exception)
                    {
                        problems.Add(exception.Message);
                    }

                    if (chunkIndex < container.Chunks.Count && sliceOver())
                    {
                        return Now(done: false);
                    }
                }

                if (problems.Count == 0 && containerItems != container.ItemCount)
                {
                    problems.Add($"Backup {manifest.BackupId}: container {container.Name} holds {containerItems} items, the manifest says {container.ItemCount}.");
                }

                if (containerIndex + 1 < manifest.Containers.Count && sliceOver())
                {
                    (containerIndex, chunkIndex, containerItems) = (containerIndex + 1, 0, 0);
                    return Now(done: false);
                }
            }

            return Now(done: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The manifest, authenticated, or why it is not: then nothing else of the backup can be trusted.</summary>
    private async Task<(BackupManifest? Manifest, string? Problem)> ReadManifestAsync(string backupId, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is BackupIntegrityException or KeyRingException)
        {
            // A manifest signed under a key no longer in the keyring cannot be trusted either: a problem of this backup.
            return (null, exception.Message);
        }
    }
}

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
        BackupManifest manifest;
        try
        {
            manifest = await reader.ReadManifestAsync(backupId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is BackupIntegrityException or KeyRingException)
        {
            // A manifest signed under a key no longer in the keyring cannot be trusted either: a problem of this backup.
            return new VerifyReport(backupId, level, fromSecondary, 0, 0, [exception.Message]);
        }

        return level == VerifyLevel.Quick
            ? await QuickAsync(manifest, fromSecondary, cancellationToken).ConfigureAwait(false)
            : await DeepAsync(manifest, fromSecondary, cancellationToken).ConfigureAwait(false);
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

    private async Task<VerifyReport> DeepAsync(BackupManifest manifest, bool fromSecondary, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        byte[] dataKey;
        try
        {
            dataKey = reader.OpenDataKey(manifest);
        }
        catch (Exception exception) when (exception is BackupIntegrityException or KeyRingException)
        {
            return new VerifyReport(manifest.BackupId, VerifyLevel.Deep, fromSecondary, 0, 0, [exception.Message]);
        }

        var userKeys = await RunUserKeys.LoadAsync(userKeyStore, cancellationToken).ConfigureAwait(false);
        var keys = new BlockKeys(manifest.BackupId, manifest.StartedAt, dataKey, reader.KeyRing, userKeys, await erasures.LoadAsync(cancellationToken).ConfigureAwait(false));
        long items = 0, shredded = 0, lost = 0;
        var lostUsers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in manifest.Containers)
        {
            long containerItems = 0;
            foreach (var chunk in container.Chunks)
            {
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
            }

            if (problems.Count == 0 && containerItems != container.ItemCount)
            {
                problems.Add($"Backup {manifest.BackupId}: container {container.Name} holds {containerItems} items, the manifest says {container.ItemCount}.");
            }
        }

        if (lost > 0)
        {
            problems.Add($"Backup {manifest.BackupId}: {UnopenableUsers.Describe(lostUsers.Count, lost)}.");
        }

        return new VerifyReport(manifest.BackupId, VerifyLevel.Deep, fromSecondary, items, shredded, problems);
    }
}

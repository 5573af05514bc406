namespace AstroBot.Continuity.Backup.Format;

/// <summary>
/// What a backup holds and how to read it (docs/backup-format.md). It is written last and authenticated: a
/// backup whose manifest is missing or does not authenticate does not exist.
/// </summary>
public sealed record BackupManifest
{
    /// <summary>
    /// The version of this format; readers refuse versions they do not know. Version 2 chunks carry a copy of each
    /// block's wrapped user key; version 1 (read still) did not.
    /// </summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>The oldest version this code reads.</summary>
    public const int OldestReadableFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string BackupId { get; init; }

    public required BackupKind Kind { get; init; }

    /// <summary>The full backup an incremental builds on; null for a full backup.</summary>
    public string? BaseBackupId { get; init; }

    /// <summary>The backup an incremental continues from (the full or the previous incremental); null for a full.</summary>
    public string? ParentBackupId { get; init; }

    /// <summary>The Cosmos DB account endpoint host and database the items came from.</summary>
    public required string SourceAccount { get; init; }

    public required string SourceDatabase { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public required ManifestEncryption Encryption { get; init; }

    public required IReadOnlyList<ContainerManifest> Containers { get; init; }

    public long ItemCount => Containers.Sum(container => container.ItemCount);

    public long StoredBytes => Containers.Sum(container => container.Chunks.Sum(chunk => chunk.Bytes));
}

/// <summary>How the chunks are sealed: the backup's data key, wrapped by a key-encryption key that lives elsewhere.</summary>
public sealed record ManifestEncryption
{
    public string Algorithm { get; init; } = "AES-256-GCM";

    public string Compression { get; init; } = "brotli";

    /// <summary>Each user's items are sealed again under that user's own key, named by <c>key_id</c> in the chunk.</summary>
    public string UserKeys { get; init; } = "per-user";

    public required string KekId { get; init; }

    /// <summary>The backup's data key, wrapped (AES-256-GCM) by the key-encryption key <see cref="KekId"/>; base64.</summary>
    public required string WrappedDataKey { get; init; }
}

/// <summary>One container's part of a backup.</summary>
public sealed record ContainerManifest
{
    public required string Name { get; init; }

    public required long ItemCount { get; init; }

    /// <summary>Bytes of the items' canonical JSON before compression and encryption.</summary>
    public required long RawBytes { get; init; }

    /// <summary>An order-independent checksum of the items' canonical JSON (<see cref="ContentChecksum"/>).</summary>
    public required string ContentChecksum { get; init; }

    /// <summary>The change-feed position (the SDK's continuation token, one state per feed range) when the run started.</summary>
    public required string ChangeFeedStart { get; init; }

    /// <summary>The change-feed position when the run ended.</summary>
    public required string ChangeFeedEnd { get; init; }

    public required IReadOnlyList<ChunkManifest> Chunks { get; init; }
}

/// <summary>One sealed chunk: its blob name within the backup, item count, stored size and SHA-256.</summary>
public sealed record ChunkManifest(string Name, int ItemCount, long Bytes, string Sha256);

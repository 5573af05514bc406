namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>erase</c> removed (its <c>--json</c> shape).</summary>
/// <param name="ItemsDeleted">Live items per container of the bot's data, every container listed.</param>
/// <param name="BackupKeyDestroyed">
/// Whether the user had a backup key, now destroyed: their items in every existing backup are unreadable. False when
/// no backup ever sealed anything of theirs under a key of their own.
/// </param>
/// <param name="AuditRecordsDeleted">Their audit trail (export requests, links, downloads).</param>
internal sealed record EraseResult(
    string WaId,
    IReadOnlyDictionary<string, int> ItemsDeleted,
    int TotalItemsDeleted,
    bool BackupKeyDestroyed,
    int AuditRecordsDeleted);

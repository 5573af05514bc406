namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>erase</c> removed (its <c>--json</c> shape).</summary>
/// <param name="WaId">The person's key, whichever identifier the operator named them by.</param>
/// <param name="ItemsDeleted">Live items per container of the bot's data, every container listed.</param>
/// <param name="BackupKeyDestroyed">
/// Whether the user had a backup key, now destroyed: their items in every existing backup are unreadable. False when
/// no backup ever sealed anything of theirs under a key of their own.
/// </param>
/// <param name="AuditRecordsDeleted">Their audit trail (export requests, links, downloads).</param>
/// <param name="IdentifiersForgotten">The phone numbers, BSUIDs and usernames the identity directory held for them, now forgotten (0 for a user it never saw).</param>
internal sealed record EraseResult(
    string WaId,
    IReadOnlyDictionary<string, int> ItemsDeleted,
    int TotalItemsDeleted,
    bool BackupKeyDestroyed,
    int AuditRecordsDeleted,
    int IdentifiersForgotten);

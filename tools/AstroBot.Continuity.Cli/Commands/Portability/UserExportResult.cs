namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>export --user</c> wrote (its <c>--json</c> shape).</summary>
/// <param name="Items">Items per container of the bot's data, every container listed.</param>
/// <param name="AuditRecords">The user's audit trail in the archive (this export's own record is in the next one).</param>
internal sealed record UserExportResult(
    string WaId,
    string File,
    long Bytes,
    DateTimeOffset GeneratedAt,
    IReadOnlyDictionary<string, int> Items,
    int TotalItems,
    int AuditRecords);

using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>import FILE.zip</c> did, or with --dry-run would do (its <c>--json</c> shape).</summary>
/// <param name="WaId">Whose data it is now: the key of the person the archive landed on, or of the person --as names.</param>
/// <param name="SourceWaId">Whose data the archive holds.</param>
/// <param name="Containers">Per container of the bot's data, every container listed.</param>
/// <param name="AuditRecords">Audit records in the archive, written under their own ids (none with --dry-run).</param>
/// <param name="IdentifiersLinked">The archive's phone numbers, BSUIDs and usernames now linked to the person in the identity directory.</param>
/// <param name="IdentifiersHeldElsewhere">The archive's identifiers another person holds here, left with them (identity show says who holds one).</param>
/// <param name="Changes">Every record of the archive and what happened to it.</param>
internal sealed record UserImportResult(
    string File,
    string WaId,
    string SourceWaId,
    bool DryRun,
    ImportConflict OnConflict,
    IReadOnlyDictionary<string, ImportCounts> Containers,
    ImportCounts Total,
    int AuditRecords,
    int IdentifiersLinked,
    int IdentifiersHeldElsewhere,
    IReadOnlyList<ImportChange> Changes);

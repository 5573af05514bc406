using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>import --all</c> did, or with --dry-run would do (its <c>--json</c> shape).</summary>
/// <param name="Archives">Archives found (*.zip), imported or refused.</param>
/// <param name="Imported">Archives that passed every check and were imported (or, with --dry-run, compared).</param>
/// <param name="Refused">Each refused archive: its file name and why. Nothing of a refused archive is written.</param>
internal sealed record TenantImportResult(
    string Directory,
    bool DryRun,
    ImportConflict OnConflict,
    int Archives,
    int Imported,
    IReadOnlyList<ImportRefusal> Refused,
    IReadOnlyDictionary<string, ImportCounts> Containers,
    ImportCounts Total,
    long AuditRecords,
    TimeSpan Elapsed);

/// <summary>An archive <c>import --all</c> refused.</summary>
internal sealed record ImportRefusal(string File, string Reason);

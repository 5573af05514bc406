namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>What <c>export --all</c> wrote (its <c>--json</c> shape). Totals only: the run never holds a list of users.</summary>
/// <param name="FileNaming">How the archives are named: <c>{wa_id}.zip</c>.</param>
/// <param name="Users">Archives written, one per user.</param>
/// <param name="SkippedWithoutData">Accounts listed by the feed whose user had no data left when exported (erased meanwhile).</param>
/// <param name="SkippedInvalidIds">Accounts whose wa_id is not a WhatsApp id (digits only), so not a safe file name; reported on stderr.</param>
internal sealed record TenantExportResult(
    string Directory,
    string FileNaming,
    int Users,
    int SkippedWithoutData,
    int SkippedInvalidIds,
    IReadOnlyDictionary<string, long> Items,
    long TotalItems,
    long AuditRecords,
    long Bytes,
    TimeSpan Elapsed,
    double UsersPerSecond);

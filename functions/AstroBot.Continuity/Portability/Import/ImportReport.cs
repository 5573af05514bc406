namespace AstroBot.Continuity.Portability.Import;

/// <summary>What an import did, or with <see cref="DryRun"/> would do, record by record.</summary>
public sealed record ImportReport(string WaId, bool DryRun, IReadOnlyList<ImportChange> Changes, int AuditRecords)
{
    /// <summary>The archive's identifiers now linked to the person in the identity directory.</summary>
    public int IdentifiersLinked { get; init; }

    /// <summary>The archive's identifiers another person holds here, left with them (an operator decides: docs/operations/identity.md).</summary>
    public int IdentifiersHeldElsewhere { get; init; }

    public int Created => Changes.Count(change => change.Action == ImportAction.Create);

    public int Overwritten => Changes.Count(change => change.Action == ImportAction.Overwrite);

    public int Unchanged => Changes.Count(change => change.Action == ImportAction.Unchanged);

    public int SkippedConflicts => Changes.Count(change => change.Action == ImportAction.SkipConflict);
}

/// <summary>One record of the archive and what happens to it.</summary>
public sealed record ImportChange(string Container, string Id, ImportAction Action);

public enum ImportAction
{
    Create,
    Unchanged,
    Overwrite,
    SkipConflict,
}

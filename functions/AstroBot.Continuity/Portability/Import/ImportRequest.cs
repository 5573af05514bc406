namespace AstroBot.Continuity.Portability.Import;

/// <summary>What happens when an imported record's id already exists with different content.</summary>
public enum ImportConflict
{
    /// <summary>Keep what is there (the default: nothing is overwritten silently).</summary>
    Skip,

    /// <summary>Replace it with the archive's version.</summary>
    Overwrite,
}

/// <summary>How to import an archive.</summary>
/// <param name="ForUser">When given, the archive must be this user's unless <paramref name="As"/> says to import it as them.</param>
/// <param name="As">Import the archive's data as this person (their key or any identifier the directory knows them by): every record's wa_id is rewritten to their key.</param>
/// <param name="AllowErased">Import an archive made before its user was erased here (only when the user asked for exactly that).</param>
public sealed record ImportRequest(
    string? ForUser = null, string? As = null, ImportConflict OnConflict = ImportConflict.Skip, bool DryRun = false, bool AllowErased = false);

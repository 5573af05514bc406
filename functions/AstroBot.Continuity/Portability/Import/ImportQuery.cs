using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Portability.Import;

/// <summary>
/// The query of <c>POST /api/portability/import</c>: <c>dry_run</c>, <c>as</c>, <c>on_conflict</c> and
/// <c>allow_erased</c>, as the CLI's options. An unknown parameter is refused rather than ignored, so a typo such as
/// <c>dryrun=true</c> never turns a check into a real import.
/// </summary>
public static class ImportQuery
{
    /// <summary>The function key in Azure (<c>?code=</c>), read by the Functions host, not by the import.</summary>
    private const string FunctionKey = "code";

    private static readonly string[] Known = ["dry_run", "as", "on_conflict", "allow_erased", FunctionKey];

    /// <summary>The request, or the reason the query is refused.</summary>
    public static (ImportRequest? Request, string? Error) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Keys.FirstOrDefault(key => !Known.Contains(key, StringComparer.Ordinal)) is { } unknown)
        {
            return (null, $"Unknown query parameter '{unknown}'; the import takes dry_run, as, on_conflict and allow_erased.");
        }

        if (query.Keys.FirstOrDefault(key => query[key].Count > 1) is { } repeated)
        {
            return (null, $"The query parameter '{repeated}' is given more than once.");
        }

        if (!TryFlag(query, "dry_run", out var dryRun) || !TryFlag(query, "allow_erased", out var allowErased))
        {
            return (null, "dry_run and allow_erased take true or false.");
        }

        string? asUser = query["as"];
        if (asUser is not null && !UserKey.IsMinted(asUser) && !Identifier.TryParse(asUser, out _))
        {
            return (null, "as takes a person: their key, or any of their WhatsApp identifiers (a phone number, a BSUID such as US.1349..., or @username).");
        }

        ImportConflict? onConflict = (string?)query["on_conflict"] switch
        {
            null or "skip" => ImportConflict.Skip,
            "overwrite" => ImportConflict.Overwrite,
            _ => null,
        };
        return onConflict is { } conflict
            ? (new ImportRequest(As: asUser, OnConflict: conflict, DryRun: dryRun, AllowErased: allowErased), null)
            : (null, "on_conflict takes skip or overwrite.");
    }

    private static bool TryFlag(IQueryCollection query, string name, out bool value)
    {
        value = false;
        return (string?)query[name] is not { } text || bool.TryParse(text, out value);
    }
}

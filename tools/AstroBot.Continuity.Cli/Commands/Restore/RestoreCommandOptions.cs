using System.CommandLine;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Cli.Commands.Backup;

namespace AstroBot.Continuity.Cli.Commands.Restore;

/// <summary>The symbols of <c>continuity restore</c>, read back by <see cref="RestoreRun"/>.</summary>
internal sealed record RestoreCommandOptions(
    Argument<string?> BackupId,
    Option<DateTimeOffset?> At,
    Option<string?> User,
    Option<string[]> Containers,
    Option<string?> ToDatabase,
    Option<bool> Force,
    Option<string?> RestoreId)
{
    /// <param name="parseResult">The command line.</param>
    /// <param name="userKey">The key of the person <see cref="User"/> names (null for everyone).</param>
    /// <param name="targetDatabase">The database to restore into; null for a new one.</param>
    /// <param name="restoreId">The restore's id.</param>
    public RestoreRequest Request(ParseResult parseResult, string? userKey, string? targetDatabase, string restoreId) => new()
    {
        BackupId = parseResult.GetValue(BackupId) is { } id && id != BackupIdArgument.Latest ? id : null,
        At = parseResult.GetValue(At),
        WaId = userKey,
        Containers = parseResult.GetValue(Containers) ?? [],
        TargetDatabase = targetDatabase,
        Force = parseResult.GetValue(Force),
        RestoreId = restoreId,
    };
}

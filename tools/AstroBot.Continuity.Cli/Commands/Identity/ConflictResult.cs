using AstroBot.Continuity.Identity;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>An open conflict as <c>identity conflicts</c> lists it (its <c>--json</c> shape is an array of these).</summary>
/// <param name="Identifier">The contested identifier.</param>
/// <param name="HeldBy">The person the directory gives it to (or whose data sits under that number).</param>
/// <param name="ClaimedBy">The person a webhook put it with.</param>
internal sealed record ConflictResult(IdentifierResult Identifier, string HeldBy, string ClaimedBy, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt)
{
    public static ConflictResult From(IdentityConflict conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        return new(IdentifierResult.From(conflict.Identifier), conflict.HeldBy, conflict.ClaimedBy, conflict.FirstSeenAt, conflict.LastSeenAt);
    }
}

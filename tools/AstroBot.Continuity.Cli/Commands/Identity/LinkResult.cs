using System.Text.Json.Serialization;
using AstroBot.Continuity.Identity;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>What <c>identity link</c> did (its <c>--json</c> shape).</summary>
/// <param name="Identifier">The identifier given.</param>
/// <param name="UserKey">The person it was given to; null when --to names nobody.</param>
/// <param name="Outcome"><c>linked</c>, <c>already_linked</c>, <c>moved</c>, <c>held_by_another</c> or <c>no_such_person</c>.</param>
/// <param name="OtherPerson">Who held it: moved from them, or refused because of them (a person's key, or a phone number the bot keeps a history under).</param>
internal sealed record LinkResult(IdentifierResult Identifier, string? UserKey, ManualLinkOutcome Outcome, string? OtherPerson)
{
    /// <summary>True when the identifier now belongs to the person (the exit code says it; not in the JSON).</summary>
    [JsonIgnore]
    public bool Succeeded => Outcome is ManualLinkOutcome.Linked or ManualLinkOutcome.AlreadyLinked or ManualLinkOutcome.Moved;
}

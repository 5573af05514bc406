namespace AstroBot.Continuity.Identity;

/// <summary>
/// An identifier that one webhook put with a person while the directory holds it for another (two people's
/// data, or a number one person gave up and another took). Nothing is moved or merged on its own: the message is
/// processed for <see cref="ClaimedBy"/>, and an operator decides (docs/operations/identity.md).
/// </summary>
/// <param name="Identifier">The contested identifier.</param>
/// <param name="HeldBy">The person the directory links it to (or whose data sits under it).</param>
/// <param name="ClaimedBy">The person the webhook's other identifiers resolved to.</param>
/// <param name="FirstSeenAt">When it was first recorded.</param>
/// <param name="LastSeenAt">When it was last seen again.</param>
public sealed record IdentityConflict(Identifier Identifier, string HeldBy, string ClaimedBy, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);

namespace AstroBot.Continuity.WhatsApp;

/// <summary>
/// What one webhook says about who a WhatsApp user is. Since 2026 Meta sends a business-scoped user ID (BSUID)
/// with every webhook and may leave out the phone number of a user who adopted a username, so any of these can
/// be missing; <see cref="Phone"/> and <see cref="Bsuid"/> are never both missing for a user message.
/// </summary>
/// <param name="Phone">The phone number (<c>wa_id</c>, <c>from</c>, <c>recipient_id</c>), when Meta shares it.</param>
/// <param name="Bsuid">The business-scoped user ID (<c>user_id</c>, <c>from_user_id</c>, <c>recipient_user_id</c>), e.g. <c>US.13491208655302741918</c>.</param>
/// <param name="ParentBsuid">The parent BSUID shared across a managed business's portfolios, when enrolled.</param>
/// <param name="Username">The user's WhatsApp username (<c>contacts[].profile.username</c>), when they adopted one.</param>
public sealed record UserIdentifiers(string? Phone, string? Bsuid, string? ParentBsuid = null, string? Username = null)
{
    /// <summary>No identifier at all.</summary>
    public static UserIdentifiers None { get; } = new(null, null);

    /// <summary>True when the webhook named the user by neither phone number nor BSUID.</summary>
    public bool IsAnonymous => Phone is null && Bsuid is null;

    /// <summary>Where a reply goes: the phone number when known (Meta's advice), else the BSUID; null when neither is known.</summary>
    public MessageRecipient? ReplyAddress =>
        Phone is not null ? MessageRecipient.ToPhone(Phone)
        : Bsuid is not null ? MessageRecipient.ToBsuid(Bsuid)
        : null;

    /// <summary>These identifiers with the gaps filled from <paramref name="other"/> (what this one says wins).</summary>
    public UserIdentifiers Merge(UserIdentifiers? other) =>
        other is null
            ? this
            : new(Phone ?? other.Phone, Bsuid ?? other.Bsuid, ParentBsuid ?? other.ParentBsuid, Username ?? other.Username);
}

namespace AstroBot.Continuity.WhatsApp.Webhooks;

/// <summary>
/// A system message (<c>type: "system"</c>) saying a user's identifiers changed: <c>user_changed_number</c> (a new
/// phone number and, with it, a new BSUID) or <c>user_changed_user_id</c> (a new BSUID only).
/// </summary>
/// <param name="Wamid">The system message's id; applying it is idempotent by it.</param>
/// <param name="Kind">Which identifier changed.</param>
/// <param name="Previous">The identifiers before: <c>from</c>, <c>from_user_id</c> and <c>system.previous_user_id</c>.</param>
/// <param name="Current">The identifiers after: <c>system.wa_id</c> and <c>system.user_id</c> (the phone number stays for <c>user_changed_user_id</c>).</param>
/// <param name="Timestamp">When it changed.</param>
public sealed record IdentityChange(
    string Wamid,
    IdentityChangeKind Kind,
    UserIdentifiers Previous,
    UserIdentifiers Current,
    DateTimeOffset Timestamp);

/// <summary>The kinds of <see cref="IdentityChange"/>, by Meta's <c>system.type</c>.</summary>
public enum IdentityChangeKind
{
    /// <summary><c>user_changed_number</c>: a new phone number (and a new BSUID, which Meta regenerates with it).</summary>
    NumberChanged = 1,

    /// <summary><c>user_changed_user_id</c>: a new BSUID; the phone number, if shared, is unchanged.</summary>
    BsuidChanged = 2,
}

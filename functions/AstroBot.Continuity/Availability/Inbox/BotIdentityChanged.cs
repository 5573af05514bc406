using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>
/// A person's identifiers changed (<c>"kind":"identity_changed"</c>): WhatsApp told us of a new phone number or BSUID.
/// <see cref="BotQueueMessage.UserKey"/> is unchanged, so the bot's data stays where it is; the fields say what the
/// person is called now. See docs/bot-queue-contract.md.
/// </summary>
public sealed record BotIdentityChanged : BotQueueMessage
{
    /// <summary>Meta's name of the change: <c>user_changed_number</c> or <c>user_changed_user_id</c>.</summary>
    public required string Change { get; init; }

    /// <summary>The person's current phone number, when known.</summary>
    public string? Phone { get; init; }

    /// <summary>The person's current BSUID, when known.</summary>
    public string? UserId { get; init; }

    /// <summary>The person's current parent BSUID, when known.</summary>
    public string? ParentUserId { get; init; }

    /// <summary>When the identifiers changed (Meta's clock).</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The contract message for a change applied to <paramref name="person"/>.</summary>
    public static BotIdentityChanged Create(IdentityChange change, PersonRecord person, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(person);
        // What the directory holds now; what the change named fills any gap (it named a phone number or a BSUID).
        var current = person.Current.Merge(change.Current);
        return new()
        {
            Wamid = change.Wamid,
            UserKey = person.UserKey,
            ReplyTo = BotReplyAddress.From(current.ReplyAddress!),
            Change = change.Kind == IdentityChangeKind.NumberChanged ? "user_changed_number" : "user_changed_user_id",
            Phone = current.Phone,
            UserId = current.Bsuid,
            ParentUserId = current.ParentBsuid,
            Timestamp = change.Timestamp,
            ReceivedAt = receivedAt,
        };
    }
}

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>What <c>/number</c> did: the user before and after, and the host's answer to the system message.</summary>
/// <param name="WebhookStatus">The host's HTTP status for the system message; null when none was sent.</param>
internal sealed record ChatNumberChange(ChatNumberChangeOutcome Outcome, ChatUser Before, ChatUser After, int? WebhookStatus = null)
{
    /// <summary>Meta's name of the system message sent: <c>user_changed_number</c>, or <c>user_changed_user_id</c> for a user who shares no number.</summary>
    public string SystemMessage => Before.HidesNumber ? "user_changed_user_id" : "user_changed_number";
}

/// <summary>The outcomes of <see cref="ChatSession.ChangeNumberAsync"/>.</summary>
internal enum ChatNumberChangeOutcome
{
    /// <summary>The host took the system message; the chat writes with the new identifiers.</summary>
    Changed = 1,

    /// <summary>It is already the user's number: nothing was sent.</summary>
    Unchanged = 2,

    /// <summary>The host answered other than 200 (WhatsApp would retry); the chat writes as before.</summary>
    Refused = 3,
}

using Newtonsoft.Json;

namespace AstroBot.Continuity.Data.Documents;

/// <summary>One plan period in <c>subscriptions</c>; a user keeps the history of ended ones.</summary>
public sealed record SubscriptionDocument() : BotDocument(DocumentTypes.Subscription)
{
    [JsonProperty("plan")]
    public required SubscriptionPlan Plan { get; init; }

    [JsonProperty("status")]
    public required SubscriptionStatus Status { get; init; }

    [JsonProperty("started_at")]
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Next renewal while active; null once cancelled or expired, and for the free plan.</summary>
    [JsonProperty("renews_at")]
    public DateTimeOffset? RenewsAt { get; init; }

    /// <summary>When a cancelled or expired subscription ended; null while active.</summary>
    [JsonProperty("ended_at")]
    public DateTimeOffset? EndedAt { get; init; }
}

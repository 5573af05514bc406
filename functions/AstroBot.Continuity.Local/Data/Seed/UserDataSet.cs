using AstroBot.Continuity.Data.Documents;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>Every document of one synthetic user, across all containers.</summary>
public sealed record UserDataSet(
    int UserIndex,
    string WaId,
    AccountDocument Account,
    IReadOnlyList<ProfileDocument> Profiles,
    PreferencesDocument Preferences,
    IReadOnlyList<SubscriptionDocument> Subscriptions,
    IReadOnlyList<ReadingDocument> Readings,
    IReadOnlyList<MessageDocument> Messages)
{
    /// <summary>All documents, in <see cref="BotDataModel.Containers"/> order.</summary>
    public IEnumerable<BotDocument> Documents =>
        [Account, .. Profiles, Preferences, .. Subscriptions, .. Readings, .. Messages];
}

using AstroBot.Continuity.Data.Documents;

namespace AstroBot.Continuity.Data;

/// <summary>
/// The one place that names the bot's containers and how they are partitioned. Backup, export, erasure and the
/// seed all walk <see cref="Containers"/>, so a new container is added here and nowhere else.
/// </summary>
public static class BotDataModel
{
    /// <summary>Every container is partitioned by the user's WhatsApp id, so one user's data is one partition per container.</summary>
    public const string PartitionKeyPath = "/wa_id";

    /// <summary>The contract version written into new documents (<c>schema_version</c>).</summary>
    public const int SchemaVersion = 1;

    public static ContainerDefinition Accounts { get; } = new("accounts", DocumentTypes.Account);
    public static ContainerDefinition Profiles { get; } = new("profiles", DocumentTypes.Profile);
    public static ContainerDefinition Preferences { get; } = new("preferences", DocumentTypes.Preferences);
    public static ContainerDefinition Subscriptions { get; } = new("subscriptions", DocumentTypes.Subscription);
    public static ContainerDefinition Readings { get; } = new("readings", DocumentTypes.Reading);
    public static ContainerDefinition Messages { get; } = new("messages", DocumentTypes.Message);

    /// <summary>All containers, in the order a restore should write them (accounts first, messages last).</summary>
    public static IReadOnlyList<ContainerDefinition> Containers { get; } =
        [Accounts, Profiles, Preferences, Subscriptions, Readings, Messages];

    /// <summary>The container that holds documents of <paramref name="documentType"/>.</summary>
    /// <exception cref="ArgumentException">The type is not part of the contract.</exception>
    public static ContainerDefinition ContainerFor(string documentType) =>
        Containers.FirstOrDefault(container => container.DocumentType == documentType)
        ?? throw new ArgumentException($"'{documentType}' is not a document type of the bot's data model.", nameof(documentType));
}

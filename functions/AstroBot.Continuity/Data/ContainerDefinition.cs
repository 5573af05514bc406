namespace AstroBot.Continuity.Data;

/// <summary>A container of the bot's database and the one document type it holds.</summary>
public sealed record ContainerDefinition(string Name, string DocumentType)
{
    /// <summary>Every container is partitioned by the user: <see cref="BotDataModel.PartitionKeyPath"/>.</summary>
    public string PartitionKeyPath => BotDataModel.PartitionKeyPath;
}

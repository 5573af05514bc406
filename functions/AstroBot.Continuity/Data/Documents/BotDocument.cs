using Newtonsoft.Json;

namespace AstroBot.Continuity.Data.Documents;

/// <summary>
/// What every document of the bot carries: its id, the partition key <c>wa_id</c>, the <c>type</c>
/// discriminator and the <c>schema_version</c> that readers (backup, export, import) branch on.
/// </summary>
public abstract record BotDocument
{
    protected BotDocument(string type) => Type = type;

    /// <summary>Unique within the partition; the conventions per type are in docs/data-model.md.</summary>
    [JsonProperty("id", Order = -10)]
    public required string Id { get; init; }

    /// <summary>The user's WhatsApp id (E.164 digits without "+"), the partition key of every container.</summary>
    [JsonProperty("wa_id", Order = -9)]
    public required string WaId { get; init; }

    /// <summary>The document type (<see cref="DocumentTypes"/>); fixed by the record type, ignored when read.</summary>
    [JsonProperty("type", Order = -8)]
    public string Type { get; }

    /// <summary>The contract version the document was written with. Default: <see cref="BotDataModel.SchemaVersion"/>.</summary>
    [JsonProperty("schema_version", Order = -7)]
    public int SchemaVersion { get; init; } = BotDataModel.SchemaVersion;
}

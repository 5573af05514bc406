using System.Text;
using AstroBot.Continuity.WhatsApp.Graph;
using Azure;
using Azure.Data.Tables;

namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>
/// A reply in the outbox, as stored: the reply as it was meant (a text or document is fitted to the 24-hour window only
/// when it is sent), the send request's JSON (<see cref="OutboundMessageJson"/>), whom it is for and when they had last
/// written. A class, not a record: nothing should print its fields (the text and the address are personal data).
/// </summary>
public sealed class OutboxEntry
{
    private const string UserKeyField = "UserKey";
    private const string MessageField = "Message";
    private const string TypeField = "Type";
    private const string LastInboundAtField = "LastInboundAt";
    private const string EnqueuedAtField = "EnqueuedAt";
    private const string ParkedAtField = "ParkedAt";
    private const string ParkedReasonField = "ParkedReason";

    private readonly TableEntity row;

    private OutboxEntry(TableEntity row) => this.row = row;

    /// <summary>The user's partition (their pseudonym).</summary>
    public string Partition => row.PartitionKey;

    /// <summary>The row: <c>m-{ticks}-{guid}</c>, the order replies are sent in; logged to name an entry.</summary>
    public string RowKey => row.RowKey;

    /// <summary>The person's stable key, for the ledger's note of when they last wrote; null in a damaged row.</summary>
    public string? UserKey => row.GetString(UserKeyField);

    /// <summary>When the person had last written when the reply was stored (null: not known then).</summary>
    public DateTimeOffset? LastInboundAt => row.GetDateTimeOffset(LastInboundAtField);

    /// <summary>When the reply was stored.</summary>
    public DateTimeOffset? EnqueuedAt => row.GetDateTimeOffset(EnqueuedAtField);

    internal ETag ETag => row.ETag;

    internal static OutboxEntry From(TableEntity row) => new(row);

    internal static TableEntity NewRow(
        string partition, string rowKey, string userKey, OutboundMessage reply, DateTimeOffset? lastInboundAt, DateTimeOffset enqueuedAt) =>
        new(partition, rowKey)
        {
            [UserKeyField] = userKey,
            [MessageField] = Encoding.UTF8.GetString(OutboundMessageJson.Serialize(reply)),
            [TypeField] = OutboundMessageJson.TypeOf(reply),
            [LastInboundAtField] = lastInboundAt,
            [EnqueuedAtField] = enqueuedAt,
        };

    /// <summary>The reply to send.</summary>
    /// <exception cref="InvalidDataException">The row does not hold a reply this version can read (no user key, or a message that does not parse).</exception>
    public OutboundMessage ReadMessage()
    {
        if (string.IsNullOrWhiteSpace(UserKey))
        {
            throw new InvalidDataException("The entry has no user key.");
        }

        return row.GetString(MessageField) is { } json
            ? OutboundMessageJsonReader.Read(Encoding.UTF8.GetBytes(json))
            : throw new InvalidDataException("The entry has no message.");
    }

    /// <summary>This entry set aside under <paramref name="parkedRow"/>, with why; kept for an operator, never sent again.</summary>
    internal TableEntity Parked(string parkedRow, string reason, DateTimeOffset at)
    {
        var parked = new TableEntity(row.PartitionKey, parkedRow) { [ParkedAtField] = at, [ParkedReasonField] = reason };
        foreach (var field in (string[])[UserKeyField, MessageField, TypeField, LastInboundAtField, EnqueuedAtField])
        {
            if (row.TryGetValue(field, out var value))
            {
                parked[field] = value;
            }
        }

        return parked;
    }
}

using System.Globalization;
using AstroBot.Continuity.Crypto;
using Azure.Data.Tables;

namespace AstroBot.Continuity.WhatsApp.Outbox;

/// <summary>
/// The outbox table's keys. A user's partition is their pseudonym (<see cref="UserReferences"/>), never a phone number.
/// Rows in it: waiting replies <c>m-{ticks:D19}-{guid}</c>, which sort in the order they were appended; parked replies
/// <c>p-</c> + the same suffix, which nothing sends again; and the drain's lease, <c>lease</c>.
/// </summary>
internal static class OutboxKeys
{
    public const string LeaseRow = "lease";

    private const string WaitingPrefix = "m-";
    private const string ParkedPrefix = "p-";
    private const int TicksDigits = 19;

    public static string PartitionOf(string userKey) => UserReferences.For(userKey);

    /// <summary>A waiting reply's row, sorting after every row appended at or before <paramref name="ticks"/>.</summary>
    public static string WaitingRow(long ticks) =>
        WaitingPrefix + ticks.ToString("D" + TicksDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");

    /// <summary>When the reply in <paramref name="rowKey"/> was appended (UTC ticks), or null when the key is not a reply's.</summary>
    public static long? TicksOf(string rowKey) =>
        rowKey.Length > WaitingPrefix.Length + TicksDigits
        && long.TryParse(rowKey.AsSpan(WaitingPrefix.Length, TicksDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : null;

    public static bool IsWaiting(string rowKey) => rowKey.StartsWith(WaitingPrefix, StringComparison.Ordinal);

    public static bool IsParked(string rowKey) => rowKey.StartsWith(ParkedPrefix, StringComparison.Ordinal);

    public static string ParkedRow(string waitingRow) => ParkedPrefix + waitingRow[WaitingPrefix.Length..];

    /// <summary>The waiting replies of one partition, oldest first (a row key range: <c>m-</c> up to <c>m.</c>).</summary>
    public static string WaitingIn(string partition) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {WaitingPrefix} and RowKey lt {"m."}");

    /// <summary>Every row of one partition.</summary>
    public static string All(string partition) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
}

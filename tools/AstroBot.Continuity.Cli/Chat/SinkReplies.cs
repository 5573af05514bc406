using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using AstroBot.Continuity.Local.WhatsApp.Sink;

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>
/// The replies the local Graph API sink received for the addresses a chat used (phone numbers and BSUIDs, old
/// and new), so a reply sent to an address from before a change of number is still shown. Each address keeps
/// its own position in the sink: one read per address sees every message to it, whatever the order of the reads.
/// </summary>
internal sealed class SinkReplies(HttpClient http, Uri sink)
{
    private static readonly JsonSerializerOptions SinkJson = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, long> positions = new(StringComparer.Ordinal);

    /// <summary>Starts reading replies to <paramref name="addresses"/>; those already in the sink were sent before this chat used them and are skipped.</summary>
    /// <returns>The addresses that were not read before.</returns>
    public async Task<IReadOnlyList<string>> WatchAsync(IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        foreach (var address in addresses.Where(address => !positions.ContainsKey(address)).ToList())
        {
            var earlier = await ReadAsync(address, 0, cancellationToken).ConfigureAwait(false);
            positions[address] = earlier.Count == 0 ? 0 : earlier[^1].Sequence;
            added.Add(address);
        }

        return added;
    }

    /// <summary>Stops reading replies to <paramref name="addresses"/>.</summary>
    public void Unwatch(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            positions.Remove(address);
        }
    }

    /// <summary>Replies that arrived since the last call, to any address watched, in the order the sink accepted them.</summary>
    public async Task<IReadOnlyList<SinkMessage>> NewAsync(CancellationToken cancellationToken)
    {
        var fresh = new List<SinkMessage>();
        foreach (var (address, after) in positions.ToList())
        {
            var read = await ReadAsync(address, after, cancellationToken).ConfigureAwait(false);
            if (read.Count > 0)
            {
                positions[address] = read[^1].Sequence;
                fresh.AddRange(read);
            }
        }

        return [.. fresh.OrderBy(message => message.Sequence)];
    }

    private async Task<IReadOnlyList<SinkMessage>> ReadAsync(string address, long after, CancellationToken cancellationToken)
    {
        var url = new Uri(sink, string.Create(CultureInfo.InvariantCulture, $"_sink/messages?to={Uri.EscapeDataString(address)}&after={after}"));
        return await http.GetFromJsonAsync<List<SinkMessage>>(url, SinkJson, cancellationToken).ConfigureAwait(false) ?? [];
    }
}

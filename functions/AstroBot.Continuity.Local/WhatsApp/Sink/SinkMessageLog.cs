namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>The messages the sink accepted, numbered in acceptance order.</summary>
internal sealed class SinkMessageLog
{
    private readonly Lock gate = new();
    private readonly List<SinkMessage> messages = [];

    /// <summary>Records a message under the next sequence number and its wamid <c>wamid.sink-&lt;n&gt;</c>.</summary>
    public SinkMessage Add(SinkMessage unnumbered)
    {
        lock (gate)
        {
            long sequence = messages.Count + 1;
            var message = unnumbered with { Sequence = sequence, Wamid = $"wamid.sink-{sequence}" };
            messages.Add(message);
            return message;
        }
    }

    /// <summary>Messages after sequence <paramref name="after"/>, optionally only those to <paramref name="to"/>.</summary>
    public IReadOnlyList<SinkMessage> Read(string? to = null, long after = 0)
    {
        lock (gate)
        {
            return [.. messages.Where(m => m.Sequence > after && (to is null || m.To == to))];
        }
    }
}

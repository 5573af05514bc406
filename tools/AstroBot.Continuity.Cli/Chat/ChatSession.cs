using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AstroBot.Continuity.WhatsApp.Sink;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>
/// Plays WhatsApp for one user: each line becomes a signed webhook posted to the host, and the replies the host
/// sends through the Graph API are read back from the local sink.
/// </summary>
internal sealed class ChatSession(HttpClient http, ChatEndpoints endpoints, WebhookSignature signature, ChatUser user, TimeProvider time)
{
    private static readonly JsonSerializerOptions SinkJson = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);
    private long lastSeenSequence;
    private int sent;

    /// <summary>How long to wait for the first reply, and for more replies after one arrived.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Skips replies sent before this session started.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var earlier = await ReadRepliesAsync(cancellationToken).ConfigureAwait(false);
        lastSeenSequence = earlier.Count == 0 ? 0 : earlier[^1].Sequence;
    }

    public async Task<ChatExchange> SayAsync(string text, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wamid = string.Create(CultureInfo.InvariantCulture, $"wamid.chat-{now.ToUnixTimeMilliseconds()}-{Interlocked.Increment(ref sent)}");
        var body = InboundWebhookComposer.TextMessage(endpoints.PhoneNumberId, user.WaId, user.Name, wamid, text, now);

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoints.Webhook) { Content = content };
        request.Headers.Add("X-Hub-Signature-256", signature.Sign(body));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return new ChatExchange((int)response.StatusCode, []);
        }

        return new ChatExchange((int)response.StatusCode, await AwaitRepliesAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Replies that arrived since the last exchange, such as an export's link, which comes seconds after the YES.
    /// Not to be called while <see cref="SayAsync"/> runs.
    /// </summary>
    public async Task<IReadOnlyList<SinkMessage>> LateRepliesAsync(CancellationToken cancellationToken)
    {
        var fresh = await ReadRepliesAsync(cancellationToken).ConfigureAwait(false);
        if (fresh.Count > 0)
        {
            lastSeenSequence = fresh[^1].Sequence;
        }

        return fresh;
    }

    private async Task<IReadOnlyList<SinkMessage>> AwaitRepliesAsync(CancellationToken cancellationToken)
    {
        var replies = new List<SinkMessage>();
        var deadline = time.GetUtcNow() + ReplyTimeout;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            var fresh = await LateRepliesAsync(cancellationToken).ConfigureAwait(false);
            if (fresh.Count > 0)
            {
                replies.AddRange(fresh);
                deadline = time.GetUtcNow() + QuietPeriod; // a command may answer in several messages
            }
        }

        return replies;
    }

    private async Task<IReadOnlyList<SinkMessage>> ReadRepliesAsync(CancellationToken cancellationToken)
    {
        var url = new Uri(endpoints.Sink, string.Create(CultureInfo.InvariantCulture, $"_sink/messages?to={Uri.EscapeDataString(user.WaId)}&after={lastSeenSequence}"));
        return await http.GetFromJsonAsync<List<SinkMessage>>(url, SinkJson, cancellationToken).ConfigureAwait(false) ?? [];
    }
}

/// <summary>Where the chat talks: the host's webhook URL, the sink's base URL, the bot's phone number id.</summary>
internal sealed record ChatEndpoints(Uri Webhook, Uri Sink, string PhoneNumberId)
{
    /// <summary>The sink's base URL, with the trailing slash relative URLs need.</summary>
    public Uri Sink { get; } = Sink.AbsoluteUri.EndsWith('/') ? Sink : new Uri(Sink.AbsoluteUri + "/");
}

/// <summary>The WhatsApp user the chat plays.</summary>
internal sealed record ChatUser(string WaId, string Name);

/// <summary>The host's answer to one line, and the replies that reached the sink.</summary>
internal sealed record ChatExchange(int WebhookStatus, IReadOnlyList<SinkMessage> Replies);

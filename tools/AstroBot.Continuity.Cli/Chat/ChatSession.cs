using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>
/// Plays WhatsApp for one user: each line becomes a signed webhook posted to the host, a change of phone number
/// the system message WhatsApp sends for it, and the replies the host sends through the Graph API are read back
/// from the local sink, for every address the user has had in this session.
/// </summary>
internal sealed class ChatSession(HttpClient http, ChatEndpoints endpoints, WebhookSignature signature, ChatUser user, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);

    // Unique per session, so two sessions started in the same millisecond never send the same wamid (the host
    // would take the second for a redelivery of the first).
    private readonly string session = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly SinkReplies replies = new(http, endpoints.Sink);
    private int sent;

    /// <summary>Who the chat writes as now; a change of number changes it.</summary>
    public ChatUser User { get; private set; } = user;

    /// <summary>How long to wait for the first reply, and for more replies after one arrived.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Skips replies sent before this session started.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => replies.WatchAsync(User.Addresses, cancellationToken);

    public async Task<ChatExchange> SayAsync(string text, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var body = InboundWebhookComposer.TextMessage(endpoints.PhoneNumberId, User.Identifiers, User.Name, NextWamid(), text, now);
        var status = await PostAsync(body, cancellationToken).ConfigureAwait(false);
        return status == 200
            ? new ChatExchange(status, await AwaitRepliesAsync(cancellationToken).ConfigureAwait(false))
            : new ChatExchange(status, []);
    }

    /// <summary>
    /// Changes the user's phone number to <paramref name="phone"/> the way WhatsApp does: a signed
    /// <c>user_changed_number</c> from the old number (or <c>user_changed_user_id</c> for a user who shares no number),
    /// then the session writes with the new identifiers. When the host refuses it, nothing changes.
    /// </summary>
    public async Task<ChatNumberChange> ChangeNumberAsync(string phone, CancellationToken cancellationToken)
    {
        var before = User;
        var after = before.WithNumber(phone);
        if (after == before)
        {
            return new ChatNumberChange(ChatNumberChangeOutcome.Unchanged, before, after);
        }

        var now = time.GetUtcNow();
        var body = before.HidesNumber
            ? InboundWebhookComposer.UserIdChanged(endpoints.PhoneNumberId, before.Identifiers.Bsuid!, after.Identifiers.Bsuid!, before.Name, NextWamid(), now)
            : InboundWebhookComposer.NumberChanged(endpoints.PhoneNumberId, before.Identifiers, after.Identifiers, before.Name, NextWamid(), now);

        // Watched before the change is posted: a reply the host sends to a new address at once (an export's link) is not missed.
        var added = await replies.WatchAsync(after.Addresses, cancellationToken).ConfigureAwait(false);
        var status = await PostAsync(body, cancellationToken).ConfigureAwait(false);
        if (status != 200)
        {
            replies.Unwatch(added);
            return new ChatNumberChange(ChatNumberChangeOutcome.Refused, before, after, status);
        }

        User = after;
        return new ChatNumberChange(ChatNumberChangeOutcome.Changed, before, after, status);
    }

    /// <summary>
    /// Replies that arrived since the last exchange, such as an export's link, which comes seconds after the YES.
    /// Not to be called while <see cref="SayAsync"/> runs.
    /// </summary>
    public Task<IReadOnlyList<SinkMessage>> LateRepliesAsync(CancellationToken cancellationToken) => replies.NewAsync(cancellationToken);

    private string NextWamid() =>
        string.Create(CultureInfo.InvariantCulture, $"wamid.chat-{session}-{time.GetUtcNow().ToUnixTimeMilliseconds()}-{Interlocked.Increment(ref sent)}");

    private async Task<int> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoints.Webhook) { Content = content };
        request.Headers.Add(WebhookEndpoint.SignatureHeader, signature.Sign(body));
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return (int)response.StatusCode;
    }

    private async Task<IReadOnlyList<SinkMessage>> AwaitRepliesAsync(CancellationToken cancellationToken)
    {
        var received = new List<SinkMessage>();
        var deadline = time.GetUtcNow() + ReplyTimeout;
        while (time.GetUtcNow() < deadline)
        {
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            var fresh = await LateRepliesAsync(cancellationToken).ConfigureAwait(false);
            if (fresh.Count > 0)
            {
                received.AddRange(fresh);
                deadline = time.GetUtcNow() + QuietPeriod; // a command may answer in several messages
            }
        }

        return received;
    }
}

/// <summary>Where the chat talks: the host's webhook URL, the sink's base URL, the bot's phone number id.</summary>
internal sealed record ChatEndpoints(Uri Webhook, Uri Sink, string PhoneNumberId)
{
    /// <summary>The sink's base URL, with the trailing slash relative URLs need.</summary>
    public Uri Sink { get; } = Sink.AbsoluteUri.EndsWith('/') ? Sink : new Uri(Sink.AbsoluteUri + "/");
}

/// <summary>The host's answer to one line, and the replies that reached the sink.</summary>
internal sealed record ChatExchange(int WebhookStatus, IReadOnlyList<SinkMessage> Replies);

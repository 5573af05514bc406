using System.Net;
using System.Net.Http.Headers;
using AstroBot.Continuity.Availability.FrontDoor;

namespace AstroBot.Continuity.Bench.Scenarios;

/// <summary>
/// The load generator's HTTP side: one shared client over loopback, with a connection per worker, that POSTs
/// signed webhooks and counts a delivery as acknowledged only on HTTP 200, as Meta does.
/// </summary>
internal sealed class WebhookPoster : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient client;

    public WebhookPoster(int maxConcurrency)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConcurrency,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>What <see cref="SendAsync"/> returns when no HTTP answer came: a refused or broken connection, or the client's timeout.</summary>
    public const int NoAnswer = 0;

    /// <summary>POSTs <paramref name="webhook"/> to <paramref name="endpoint"/>; true on 200.</summary>
    public async Task<bool> PostAsync(Uri endpoint, SignedWebhook webhook, CancellationToken ct) =>
        await SendAsync(endpoint, webhook, ct).ConfigureAwait(false) == (int)HttpStatusCode.OK;

    /// <summary>POSTs <paramref name="webhook"/> to <paramref name="endpoint"/>; the HTTP status, or <see cref="NoAnswer"/>.</summary>
    public async Task<int> SendAsync(Uri endpoint, SignedWebhook webhook, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(webhook.Body) { Headers = { ContentType = Json } },
        };
        request.Headers.TryAddWithoutValidation(WebhookEndpoint.SignatureHeader, webhook.Signature);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return NoAnswer;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // The client's own timeout: not acknowledged.
            return NoAnswer;
        }
    }

    public void Dispose() => client.Dispose();
}

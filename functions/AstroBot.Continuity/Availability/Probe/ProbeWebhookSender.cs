using System.Globalization;
using System.Net.Http.Headers;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// Sends one probe webhook as Meta sends a webhook: a text message in Meta's shape from the reserved
/// <see cref="ProbeUser"/>, signed over its raw bytes, POSTed to <c>{base}/api/whatsapp/webhook</c>, bounded by
/// <c>Availability:ProbeRequestTimeout</c>. The probe sends one a minute; the failover drill's canaries and checks send
/// theirs the same way, so both measure the path a user's message takes.
/// </summary>
public sealed class ProbeWebhookSender(
    WebhookSignature signature, IHttpClientFactory httpClients, IOptions<ProbeOptions> options, IOptions<WhatsAppOptions> whatsApp, TimeProvider time)
{
    /// <summary>The text of the probe's message.</summary>
    public const string ProbeText = "availability probe";

    private static readonly string WebhookPath = HttpRoutes.Prefix + "/" + HttpRoutes.WhatsAppWebhook;

    /// <summary><c>{base}/api/whatsapp/webhook</c>, keeping a path the base may have.</summary>
    public static Uri WebhookUrl(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var text = baseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text + "/" + WebhookPath, UriKind.Absolute);
    }

    /// <summary>Sends the probe webhook <paramref name="wamid"/> (sent at <paramref name="sentAt"/>) to <paramref name="baseAddress"/> and times its answer.</summary>
    public async Task<ProbeAcknowledgement> SendAsync(Uri baseAddress, string wamid, DateTimeOffset sentAt, CancellationToken ct)
    {
        var body = InboundWebhookComposer.TextMessage(
            whatsApp.Value.PhoneNumberId, ProbeUser.From(options.Value).Identifiers, ProbeUser.ProfileName, wamid, ProbeText, sentAt);
        var timeout = options.Value.ProbeRequestTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookUrl(baseAddress)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookEndpoint.SignatureHeader, signature.Sign(body));
        var client = httpClients.CreateClient(AvailabilityProbe.HttpClientName);
        var start = time.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(start);
            var status = (int)response.StatusCode;
            return status == 200
                ? new ProbeAcknowledgement(true, status, elapsed, null)
                : new ProbeAcknowledgement(false, status, elapsed, $"the endpoint answered {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (HttpRequestException exception)
        {
            return new ProbeAcknowledgement(false, null, time.GetElapsedTime(start), $"no answer from the endpoint: {exception.Message}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ProbeAcknowledgement(false, null, time.GetElapsedTime(start), $"no answer from the endpoint within {Seconds(timeout)}");
        }
    }

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}

/// <summary>How the endpoint answered one probe webhook: a 200 (acknowledged), another status, or no answer (<paramref name="Error"/> says which).</summary>
public sealed record ProbeAcknowledgement(bool Acknowledged, int? StatusCode, TimeSpan Elapsed, string? Error);

using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.FrontDoor;

/// <summary>
/// The WhatsApp webhook (<c>GET/POST /api/whatsapp/webhook</c>, <see cref="Hosting.HttpRoutes.WhatsAppWebhook"/>), shared by the Functions app and the local host.
/// A delivery is answered 200 only once it is durably recorded in the <see cref="WebhookInbox"/> (invariant 1);
/// bad input gets a 4xx, storage trouble a 503 so Meta retries, never a 500.
/// </summary>
public sealed class WebhookEndpoint(
    WebhookInbox inbox,
    WebhookSignature signature,
    IOptions<WhatsAppOptions> whatsApp,
    IOptions<FrontDoorOptions> options,
    ILogger<WebhookEndpoint> logger)
{
    /// <summary>Meta's largest webhook payload: 3 MB.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>The header that carries Meta's signature of the raw body.</summary>
    public const string SignatureHeader = "X-Hub-Signature-256";

    // Meta's challenge is a short number; anything long is not Meta and is not echoed.
    private const int MaxChallengeLength = 256;

    /// <summary>
    /// Meta's subscription handshake: <c>hub.mode=subscribe</c> with the configured <c>hub.verify_token</c>
    /// answers <c>hub.challenge</c> as text/plain; a wrong mode or token is 403, a missing challenge 400.
    /// </summary>
    public IResult HandleVerification(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        if (query["hub.mode"] != "subscribe" || !IsVerifyToken(query["hub.verify_token"]))
        {
            LogMessages.WebhookVerificationRejected(logger);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        string? challenge = query["hub.challenge"];
        if (string.IsNullOrEmpty(challenge) || challenge.Length > MaxChallengeLength)
        {
            LogMessages.WebhookChallengeMissing(logger);
            return Results.BadRequest();
        }

        LogMessages.WebhookVerified(logger);
        return Results.Text(challenge, "text/plain", Encoding.UTF8);
    }

    /// <summary>
    /// A webhook delivery: bounded read (413 past 3 MB), signature over the raw bytes (401), parse (400),
    /// durable record (200), or 503 with <c>Retry-After</c> when the record cannot be written.
    /// </summary>
    public async Task<IResult> HandleDeliveryAsync(HttpRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReadOnlyMemory<byte>? read;
        try
        {
            read = await RequestBodyReader.ReadAsync(request, MaxBodyBytes, ct).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own verdict on a broken body (truncated, over its limit, ...).
            LogMessages.WebhookBodyUnreadable(logger, ex.StatusCode);
            return Results.StatusCode(ex.StatusCode);
        }

        if (read is not { } body)
        {
            LogMessages.WebhookBodyTooLarge(logger, request.ContentLength);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!signature.IsValid(body.Span, request.Headers[SignatureHeader]))
        {
            LogMessages.WebhookSignatureRejected(logger, request.Headers.ContainsKey(SignatureHeader));
            return Results.Unauthorized();
        }

        var parsed = WebhookPayloadParser.Parse(body.Span);
        if (parsed.Batch is not { } batch)
        {
            // The parser's error names a JSON path, never a value from the payload.
            LogMessages.WebhookPayloadInvalid(logger, parsed.Error);
            return Results.Problem(
                title: "Not a WhatsApp webhook payload",
                detail: parsed.Error,
                statusCode: StatusCodes.Status400BadRequest);
        }

        try
        {
            var claimCheck = await inbox.RecordAsync(body, ct).ConfigureAwait(false);
            LogMessages.WebhookRecorded(logger, body.Length, claimCheck, batch.Messages.Count, batch.Statuses.Count);
            return Results.Ok();
        }
        catch (InboxUnavailableException ex)
        {
            LogMessages.WebhookRecordFailed(logger, ex.InnerException);
            return new RetryLaterResult(options.Value.RetryAfter);
        }
    }

    private bool IsVerifyToken(string? candidate)
    {
        var expected = whatsApp.Value.VerifyToken;
        if (string.IsNullOrEmpty(expected) || candidate is null)
        {
            return false;
        }

        // Constant time over equal-length digests: the comparison tells a guesser neither how much of the
        // token was right nor how long it is.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}

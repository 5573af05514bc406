using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace AstroBot.Continuity.WhatsApp.Graph;

/// <summary>
/// Sends messages with <c>POST {GraphApiBaseUrl}/{GraphApiVersion}/{PhoneNumberId}/messages</c>,
/// retrying rate limits, 5xx, network failures and timeouts (the HttpClient's timeout bounds one attempt).
/// </summary>
public sealed class GraphApiClient : IGraphApiClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient http;
    private readonly TimeProvider time;
    private readonly ILogger<GraphApiClient> logger;
    private readonly Uri messagesUri;
    private readonly AuthenticationHeaderValue authorization;
    private readonly ResiliencePipeline pipeline;

    /// <summary>Creates the client; <paramref name="http"/> carries the per-attempt timeout.</summary>
    public GraphApiClient(HttpClient http, IOptions<WhatsAppOptions> options, TimeProvider time, ILogger<GraphApiClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.time = time;
        this.logger = logger;
        var settings = options.Value;
        messagesUri = new Uri($"{settings.GraphApiBaseUrl.TrimEnd('/')}/{settings.GraphApiVersion}/{settings.PhoneNumberId}/messages");
        authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        pipeline = GraphApiRetryPipeline.Create(settings, time, logger);
    }

    /// <inheritdoc />
    public async Task<SendReceipt> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var body = OutboundMessageJson.Serialize(message);
        var type = OutboundMessageJson.TypeOf(message);
        try
        {
            var receipt = await pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<SendReceipt>(state.Client.SendOnceAsync(state.Body, token)),
                (Client: this, Body: body),
                cancellationToken).ConfigureAwait(false);
            LogMessages.GraphMessageSent(logger, type, receipt.Wamid);
            return receipt;
        }
        catch (GraphApiException ex)
        {
            LogMessages.GraphSendFailed(logger, type, ex.HttpStatus, ex.ErrorCode, ex.IsTransient);
            throw;
        }
    }

    private async Task<SendReceipt> SendOnceAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, messagesUri);
        request.Headers.Authorization = authorization;
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonContentType } };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? Receipt(answer, (int)response.StatusCode)
                : throw Failure(response, answer);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // Refused, reset, or cut off mid-answer: whether Graph got the message is unknown, and retrying
            // risks a duplicate, which beats a lost reply.
            throw new GraphApiException("The Graph API could not be reached.", null, null, isTransient: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The HttpClient timeout, not the caller: this attempt took too long.
            throw new GraphApiException("The Graph API did not answer in time.", null, null, isTransient: true, ex);
        }
    }

    private static SendReceipt Receipt(byte[] answer, int status) =>
        SendReceiptBody.ReadWamid(answer) is { } wamid
            ? new SendReceipt(wamid)
            : throw new GraphApiException($"The Graph API answered {status} without a message id.", status, null, isTransient: false);

    private GraphApiException Failure(HttpResponseMessage response, byte[] answer)
    {
        var status = (int)response.StatusCode;
        var error = GraphApiErrorBody.Parse(answer);
        var isTransient = GraphApiErrorClassification.IsTransient(status, error.Code);
        return new GraphApiException(
            $"The Graph API answered {status} with error code {error.Code?.ToString(CultureInfo.InvariantCulture) ?? "none"}.",
            status,
            error.Code,
            isTransient)
        {
            ErrorSubcode = error.Subcode,
            FbTraceId = error.FbTraceId,
            RetryAfter = RetryAfterHeader.Read(response.Headers.RetryAfter, time.GetUtcNow()),
        };
    }
}

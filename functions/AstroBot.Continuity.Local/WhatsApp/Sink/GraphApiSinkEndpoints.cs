using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>
/// The sink's HTTP surface: Graph's <c>POST /{version}/{phoneNumberId}/messages</c>, plus the control API
/// <c>GET /_sink/messages?to=&amp;after=</c>, <c>POST /_sink/fail</c> and <c>POST /_sink/delay</c>.
/// </summary>
internal sealed class GraphApiSinkEndpoints(SinkMessageLog log, SinkFaultPlan faults, string? requiredAccessToken)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private int requestCount;

    /// <summary>Every send request received, including those answered with an error.</summary>
    public int RequestCount => Volatile.Read(ref requestCount);

    public void Map(IEndpointRouteBuilder routes, CancellationToken stopping)
    {
        routes.MapPost("/{version}/{phoneNumberId}/messages", context => SendAsync(context, stopping));
        routes.MapGet("/_sink/messages", ListAsync);
        routes.MapPost("/_sink/fail", FailAsync);
        routes.MapPost("/_sink/delay", DelayAsync);
    }

    private async Task SendAsync(HttpContext context, CancellationToken stopping)
    {
        Interlocked.Increment(ref requestCount);
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(faults.TakeDelay(), aborted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // the client gave up (its timeout) or the sink is stopping
        }

        if (requiredAccessToken is not null && context.Request.Headers.Authorization != $"Bearer {requiredAccessToken}")
        {
            await WriteErrorAsync(context, new SinkFault(StatusCodes.Status401Unauthorized, 190), "Invalid OAuth access token").ConfigureAwait(false);
            return;
        }

        if (faults.TakeFailure() is { } fault)
        {
            await WriteErrorAsync(context, fault, "Sink-injected failure").ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var version = (string)context.Request.RouteValues["version"]!;
        var phoneNumberId = (string)context.Request.RouteValues["phoneNumberId"]!;
        if (SinkRequestReader.Read(buffer.ToArray(), version, phoneNumberId, out var error) is not { } parsed)
        {
            await WriteErrorAsync(context, new SinkFault(StatusCodes.Status400BadRequest, 100), error!).ConfigureAwait(false);
            return;
        }

        var message = log.Add(parsed);
        await context.Response.WriteAsJsonAsync(
            new
            {
                messaging_product = "whatsapp",
                contacts = new[] { SinkContact(message) },
                messages = new[] { new { id = message.Wamid } },
            },
            Json,
            context.RequestAborted).ConfigureAwait(false);
    }

    // Graph answers a send to a BSUID with {input, user_id} and no wa_id.
    private static Dictionary<string, string> SinkContact(SinkMessage message) =>
        message.ToBsuid
            ? new() { ["input"] = message.To, ["user_id"] = message.To }
            : new() { ["input"] = message.To, ["wa_id"] = message.To };

    private Task ListAsync(HttpContext context)
    {
        var to = context.Request.Query["to"].FirstOrDefault();
        var after = long.TryParse(context.Request.Query["after"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
        return context.Response.WriteAsJsonAsync(log.Read(string.IsNullOrEmpty(to) ? null : to, after), Json, context.RequestAborted);
    }

    private async Task FailAsync(HttpContext context)
    {
        var request = await ReadControlAsync<SinkFailRequest>(context).ConfigureAwait(false);
        if (request is not null && request.Times > 0)
        {
            var retryAfter = request.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            faults.Fail(new SinkFault(request.Status, request.Code, retryAfter), request.Times);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    private async Task DelayAsync(HttpContext context)
    {
        var request = await ReadControlAsync<SinkDelayRequest>(context).ConfigureAwait(false);
        if (request is not null && request.Times > 0 && request.Milliseconds >= 0)
        {
            faults.Delay(TimeSpan.FromMilliseconds(request.Milliseconds), request.Times);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    /// <summary>The control request, or null after answering 400.</summary>
    private static async Task<T?> ReadControlAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            var request = await context.Request.ReadFromJsonAsync<T>(Json, context.RequestAborted).ConfigureAwait(false);
            if (request is not null)
            {
                return request;
            }
        }
        catch (JsonException)
        {
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return null;
    }

    private static Task WriteErrorAsync(HttpContext context, SinkFault fault, string message)
    {
        context.Response.StatusCode = fault.HttpStatus;
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((long)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        // Graph's error shape; without a code the body has none, like some gateway errors.
        var error = new Dictionary<string, object>
        {
            ["message"] = fault.GraphErrorCode is { } c ? $"(#{c}) {message}" : message,
            ["type"] = "OAuthException",
            ["fbtrace_id"] = $"sink-{Guid.NewGuid():N}",
        };
        if (fault.GraphErrorCode is { } code)
        {
            error["code"] = code;
        }

        return context.Response.WriteAsJsonAsync(new { error }, Json, context.RequestAborted);
    }
}

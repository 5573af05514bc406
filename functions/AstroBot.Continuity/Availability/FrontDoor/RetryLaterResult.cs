using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Availability.FrontDoor;

/// <summary>503 Service Unavailable with <c>Retry-After</c>: nothing was acknowledged, Meta sends the webhook again.</summary>
public sealed class RetryLaterResult(TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
{
    /// <summary>The delay sent in <c>Retry-After</c>, in whole seconds.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <inheritdoc />
    public int StatusCode => StatusCodes.Status503ServiceUnavailable;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.Headers.RetryAfter =
            ((long)Math.Ceiling(RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }
}

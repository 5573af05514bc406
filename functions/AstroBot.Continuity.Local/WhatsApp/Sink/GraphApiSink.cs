using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local.WhatsApp.Sink;

/// <summary>
/// A local stand-in for the Graph API's send endpoint (tests and <c>continuity serve</c>): records each message,
/// answers like Graph, and fails or stalls on demand. Loopback only; it has no authentication of its own.
/// </summary>
public sealed class GraphApiSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly SinkMessageLog log;
    private readonly SinkFaultPlan faults;
    private readonly GraphApiSinkEndpoints endpoints;
    private readonly CancellationTokenSource stopping;

    private GraphApiSink(WebApplication app, SinkMessageLog log, SinkFaultPlan faults, GraphApiSinkEndpoints endpoints, CancellationTokenSource stopping)
    {
        this.app = app;
        this.log = log;
        this.faults = faults;
        this.endpoints = endpoints;
        this.stopping = stopping;
    }

    /// <summary>The bound base address, e.g. <c>http://127.0.0.1:54321/</c>: the value for <c>WhatsApp:GraphApiBaseUrl</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every send request received, including those answered with an error or abandoned by the client.</summary>
    public int RequestCount => endpoints.RequestCount;

    /// <summary>The messages accepted so far, in order.</summary>
    public IReadOnlyList<SinkMessage> Messages => log.Read();

    /// <summary>Starts a sink on <paramref name="url"/>; use <c>http://127.0.0.1:0</c> for a free port.</summary>
    public static Task<GraphApiSink> StartAsync(string url, CancellationToken cancellationToken) =>
        StartAsync(url, requiredAccessToken: null, cancellationToken);

    /// <summary>
    /// Starts a sink that, like Graph, answers 401 with error code 190 unless the request carries
    /// <c>Authorization: Bearer <paramref name="requiredAccessToken"/></c> (null accepts any).
    /// </summary>
    public static async Task<GraphApiSink> StartAsync(string url, string? requiredAccessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseShutdownTimeout(TimeSpan.FromSeconds(5));
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();

        var app = builder.Build();
        app.Urls.Add(url);
        var log = new SinkMessageLog();
        var faults = new SinkFaultPlan();
        var endpoints = new GraphApiSinkEndpoints(log, faults, requiredAccessToken);
        var stopping = new CancellationTokenSource();
        endpoints.Map(app, stopping.Token);

        var sink = new GraphApiSink(app, log, faults, endpoints, stopping);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            sink.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
            return sink;
        }
        catch
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Answers the next <paramref name="times"/> sends with an error instead of accepting them.</summary>
    /// <param name="httpStatus">The HTTP status, e.g. 429 or 500.</param>
    /// <param name="graphErrorCode">Graph's <c>error.code</c>, e.g. 131056; null for a body without one.</param>
    /// <param name="times">How many sends fail.</param>
    /// <param name="retryAfter">A Retry-After header to send, if any.</param>
    public void FailNext(int httpStatus, int? graphErrorCode, int times = 1, TimeSpan? retryAfter = null) =>
        faults.Fail(new SinkFault(httpStatus, graphErrorCode, retryAfter), times);

    /// <summary>Holds the next <paramref name="times"/> sends for <paramref name="delay"/> before answering.</summary>
    public void DelayNext(TimeSpan delay, int times = 1) => faults.Delay(delay, times);

    /// <summary>Accepted messages to <paramref name="to"/> (any recipient when null) after sequence <paramref name="after"/>.</summary>
    public IReadOnlyList<SinkMessage> MessagesTo(string? to, long after = 0) => log.Read(to, after);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local.Tests.FrontDoor;

/// <summary>
/// A region as the front door sees it, on real Kestrel on a free loopback port: <c>GET /api/health/ready</c> answers
/// 200 or 503 as <see cref="Ready"/> says (or as <see cref="ReadyForProbe"/> decides, probe by probe), <c>GET
/// /api/only-get</c> is the one route with a method of its own (other methods get the origin's 405), and every other
/// request is recorded and answered 200 with the origin's name in <c>X-Origin</c>.
/// </summary>
internal sealed class StubOrigin : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private int probes;
    private int failedProbes;
    private volatile bool ready = true;
    private bool stopped;

    private StubOrigin(string name, WebApplication app)
    {
        Name = name;
        this.app = app;
    }

    public string Name { get; }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Whether the readiness probe answers 200 (else 503).</summary>
    public bool Ready
    {
        get => ready;
        set => ready = value;
    }

    /// <summary>When set, decides each probe's answer from its number (1, 2, ...) instead of <see cref="Ready"/>.</summary>
    public Func<int, bool>? ReadyForProbe { get; set; }

    public int Probes => Volatile.Read(ref probes);

    public int FailedProbes => Volatile.Read(ref failedProbes);

    /// <summary>Every request other than the probes, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Received => [.. received];

    public static async Task<StubOrigin> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var origin = new StubOrigin(name, app);
        app.Use((context, next) => context.Request.Path.StartsWithSegments("/api/health/ready") || context.Request.Path.StartsWithSegments("/api/only-get")
            ? next(context)
            : origin.RecordAsync(context));
        app.MapGet("/api/health/ready", origin.AnswerProbe);
        app.MapGet("/api/only-get", () => Results.Text("only GET"));
        await app.StartAsync();
        origin.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return origin;
    }

    /// <summary>Stops answering at all: the port closes, as when the region's process dies.</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await app.DisposeAsync();
    }

    private IResult AnswerProbe()
    {
        var number = Interlocked.Increment(ref probes);
        var answers = ReadyForProbe?.Invoke(number) ?? Ready;
        if (!answers)
        {
            Interlocked.Increment(ref failedProbes);
        }

        return answers ? Results.Text("ready") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private async Task RecordAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        received.Enqueue(new ReceivedRequest(context.Request.Method, target, headers, body.ToArray()));
        context.Response.Headers["X-Origin"] = Name;
        await context.Response.WriteAsync(Name, context.RequestAborted);
    }
}

/// <summary>A request as the origin received it: method, raw target (path and query as sent), headers, body bytes.</summary>
internal sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body);

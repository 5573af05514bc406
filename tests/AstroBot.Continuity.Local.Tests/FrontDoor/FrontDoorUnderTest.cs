using System.Globalization;
using AstroBot.Continuity.Local.FrontDoor;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.Tests.Portability.WhatsApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local.Tests.FrontDoor;

/// <summary>
/// A real <see cref="LocalFrontDoor"/> on a free loopback port in front of stub origins, probing fast (every 50 ms) so
/// a failover happens within a test; its log lines are captured, so a test waits for an event instead of a duration.
/// </summary>
internal sealed class FrontDoorUnderTest : IAsyncDisposable
{
    /// <summary>Generous: the events waited for come after a few probes of 50 ms each, on a shared and noisy machine.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly WebApplication app;

    private FrontDoorUnderTest(WebApplication app, CapturedLogs logs, LocalFrontDoorOptions options)
    {
        this.app = app;
        Logs = logs;
        Options = options;
    }

    public CapturedLogs Logs { get; }

    public LocalFrontDoorOptions Options { get; }

    public Uri BaseUri { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static LocalFrontDoorOptions FastOptions(params StubOrigin[] origins) => new()
    {
        Listen = "http://127.0.0.1:0",
        Origins = [.. origins.Select(origin => origin.BaseUri.AbsoluteUri)],
        ProbeInterval = TimeSpan.FromMilliseconds(50),
        ProbeTimeout = TimeSpan.FromSeconds(2),
        SampleSize = 4,
        UnhealthyAfterFailures = 2,
        HealthyAfterSuccesses = 3,
        RestorationDelay = TimeSpan.FromSeconds(1),
        RetryAfter = TimeSpan.FromSeconds(7),
    };

    /// <summary>Starts the front door and waits for its first route decision (the first round of probes).</summary>
    public static async Task<FrontDoorUnderTest> StartAsync(LocalFrontDoorOptions options)
    {
        var logs = new CapturedLogs();
        var app = LocalFrontDoor.Build(options, logging => logging.AddProvider(logs));
        var sut = new FrontDoorUnderTest(app, logs, options);
        await app.StartAsync();
        sut.BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        await sut.WaitForAsync(ContinuityEventId.RouteChanged, ContinuityEventId.NoOriginAvailable);
        return sut;
    }

    /// <summary>How many lines with one of these event ids were logged.</summary>
    public int Count(params int[] eventIds) =>
        Logs.Lines.Count(line => eventIds.Any(id => line.Contains(Tag(id), StringComparison.Ordinal)));

    /// <summary>Waits until a line with one of these event ids is logged (any time since the start).</summary>
    public Task WaitForAsync(params int[] eventIds) => WaitForCountAsync(1, eventIds);

    /// <summary>Waits until <paramref name="count"/> lines with one of these event ids were logged.</summary>
    public Task WaitForCountAsync(int count, params int[] eventIds) => Eventually.HoldsAsync(() => Count(eventIds) >= count, Bound);

    /// <summary>The log lines of one event id, in order.</summary>
    public IReadOnlyList<string> Lines(int eventId) => [.. Logs.Lines.Where(line => line.Contains(Tag(eventId), StringComparison.Ordinal))];

    /// <summary>Sends GET requests until one is answered by <paramref name="origin"/>.</summary>
    public Task AnsweredByAsync(StubOrigin origin) =>
        Eventually.HoldsAsync(async cancellationToken => await AnswererAsync(cancellationToken) == origin.Name, Bound);

    /// <summary>Which origin answers a GET through the front door now (null: the front door itself did).</summary>
    public async Task<string?> AnswererAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(new Uri(BaseUri, "api/whoami"), cancellationToken);
        return response.Headers.TryGetValues("X-Origin", out var values) ? values.Single() : null;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string Tag(int eventId) => string.Create(CultureInfo.InvariantCulture, $"[{eventId}]");
}

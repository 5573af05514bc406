using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Cli.LocalHost;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Bench.Regions;

/// <summary>
/// One region of the local two-region topology, in this process: the real <c>continuity serve</c> host
/// (<see cref="ContinuityLocalHost"/>) with its routes only (<see cref="LocalHostWorkers.None"/>: no scheduler, no
/// export request pump, no bot stand-in), and, when the benchmark asks for it, the host's own inbox pump
/// (<see cref="QueueInboxPump"/>, the Functions queue trigger's stand-in) built from the host's services, as the host
/// would run it.
/// </summary>
internal sealed class RegionHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private QueueInboxPump? pump;
    private bool stopped;

    private RegionHost(string name, WebApplication app)
    {
        Name = name;
        this.app = app;
        WebhookUri = BoundWebhookUri.Of(app);
        BaseUri = new Uri(WebhookUri.GetLeftPart(UriPartial.Authority));
    }

    /// <summary><c>region-1</c> or <c>region-2</c>, as the front door names its origins.</summary>
    public string Name { get; }

    /// <summary>Where it listens (the front door's origin address).</summary>
    public Uri BaseUri { get; }

    /// <summary>Its <c>POST /api/whatsapp/webhook</c>, straight, without the front door.</summary>
    public Uri WebhookUri { get; }

    /// <summary>The host's services, as it wired them.</summary>
    public IServiceProvider Services => app.Services;

    /// <param name="urls">Where it listens: port 0 for any, or the address of a region that died, to take its place.</param>
    public static async Task<RegionHost> StartAsync(string name, IConfiguration settings, string urls, CancellationToken ct)
    {
        var app = ContinuityLocalHost.Build(settings, urls, LocalHostWorkers.None);
        await app.StartAsync(ct).ConfigureAwait(false);
        return new RegionHost(name, app);
    }

    /// <summary>Starts the region's inbox pump: from now on its inbox is processed into the shared bot queue.</summary>
    public Task StartInboxPumpAsync(CancellationToken ct)
    {
        pump ??= ActivatorUtilities.CreateInstance<QueueInboxPump>(app.Services);
        return pump.StartAsync(ct);
    }

    /// <summary>Stops the inbox pump the way a host shutdown stops it (the message in hand is finished).</summary>
    public async Task StopInboxPumpAsync(CancellationToken ct)
    {
        if (pump is not null)
        {
            await pump.StopAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Kills the region as far as one process can: the host and its inbox pump are stopped with a token that is already
    /// cancelled, so Kestrel stops listening and aborts every open connection at once instead of draining it, and the pump's
    /// work in hand is cancelled instead of finished (the message it holds stays hidden in the inbox for the visibility
    /// timeout, as after a crash). Returns once the pump's loop has ended.
    /// </summary>
    public async Task KillAsync()
    {
        stopped = true;
        using var now = new CancellationTokenSource();
        await now.CancelAsync().ConfigureAwait(false);
        var pumpLoop = pump?.ExecuteTask;
        try
        {
            await Task.WhenAll(app.StopAsync(now.Token), pump?.StopAsync(now.Token) ?? Task.CompletedTask).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A hosted service that gave up at once: that is the point.
        }

        if (pumpLoop is not null)
        {
            await pumpLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopped)
        {
            await StopInboxPumpAsync(CancellationToken.None).ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        pump?.Dispose();
        await app.DisposeAsync().ConfigureAwait(false);
    }
}

using AstroBot.Continuity.Local.WhatsApp.Sink;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.LocalHost;

/// <summary>Runs the local Graph API sink beside the local host: the replies WhatsApp would deliver land there.</summary>
internal sealed class GraphApiSinkService(IOptions<LocalHostOptions> options, ILogger<GraphApiSinkService> logger) : IHostedService, IAsyncDisposable
{
    private GraphApiSink? sink;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.GraphSinkUrl))
        {
            return;
        }

        sink = await GraphApiSink.StartAsync(options.Value.GraphSinkUrl, cancellationToken).ConfigureAwait(false);
        LogMessages.GraphSinkStarted(logger, sink.BaseUri);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (sink is not null)
        {
            await sink.DisposeAsync().ConfigureAwait(false);
            sink = null;
        }
    }
}

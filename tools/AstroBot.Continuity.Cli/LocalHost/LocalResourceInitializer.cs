using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.LocalHost;

/// <summary>
/// Creates what the emulators start without: the inbox queues and the bot's database and containers. A missing
/// dependency is reported, not fatal: the front door keeps answering (503 while storage is down) and
/// <c>/api/health/ready</c> shows what is unreachable.
/// </summary>
internal sealed class LocalResourceInitializer(
    WebhookInbox inbox,
    CosmosClient cosmos,
    IOptions<CosmosOptions> cosmosOptions,
    ILogger<LocalResourceInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await inbox.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogMessages.LocalResourceUnavailable(logger, "storage", exception.GetType().Name);
        }

        try
        {
            await DatabaseInitializer.EnsureCreatedAsync(cosmos, cosmosOptions.Value.DatabaseName, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogMessages.LocalResourceUnavailable(logger, "cosmos", exception.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

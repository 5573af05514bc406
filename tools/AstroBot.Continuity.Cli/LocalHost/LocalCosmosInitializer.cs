using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Cli.LocalHost;

/// <summary>
/// Creates what the Cosmos DB emulator starts without (it keeps data in memory only): the bot's database and
/// containers. Cosmos being down is reported, not fatal: <c>/api/health/ready</c> shows it. (The front door's
/// queues and table are created by the core's own initializer.)
/// </summary>
internal sealed class LocalCosmosInitializer(
    CosmosClient cosmos,
    IOptions<CosmosOptions> cosmosOptions,
    ILogger<LocalCosmosInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
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

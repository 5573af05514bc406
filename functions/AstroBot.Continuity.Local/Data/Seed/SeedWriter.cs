using System.Text;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Data.Documents;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>
/// Writes <see cref="SeedGenerator"/> output into the configured database, fast and idempotently: upserts keyed
/// by deterministic ids, bounded concurrency, bulk execution where the target supports it.
/// </summary>
/// <param name="clients">The backend's Cosmos DB client factory (<c>AddBotData</c>), which holds the app's credential.</param>
public sealed class SeedWriter(CosmosClientFactory clients, IOptions<CosmosOptions> options, TimeProvider timeProvider, ILogger<SeedWriter> logger)
{
    /// <summary>Without a container (tests, benchmarks): signs in with <c>Cosmos:Key</c>, the emulator's by default.</summary>
    public SeedWriter(IOptions<CosmosOptions> options, TimeProvider timeProvider, ILogger<SeedWriter> logger)
        : this(new CosmosClientFactory(options.Value), options, timeProvider, logger)
    {
    }

    /// <summary>Progress is reported after this many items, and once at the end.</summary>
    public const int ProgressInterval = 500;

    /// <summary>
    /// Creates the database and containers if missing, then upserts every document of <paramref name="request"/>.
    /// Re-running the same request rewrites the same documents: counts do not change.
    /// </summary>
    public async Task<SeedResult> WriteAsync(SeedRequest request, IProgress<SeedProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var cosmos = options.Value;
        var bulk = request.UseBulkExecution ?? !EmulatorEndpoint.IsLoopback(cosmos.GetEndpointUri());
        LogMessages.SeedStarted(logger, request.Users, request.ReadingsPerUser, cosmos.DatabaseName, bulk, request.MaxConcurrency);

        // A client of its own: bulk mode batches every operation of a client, which the shared client must not do.
        using var client = clients.Create(clientOptions =>
        {
            clientOptions.AllowBulkExecution = bulk;
            clientOptions.EnableContentResponseOnWrite = false;
            // The SDK retries 429s itself; a seed would rather wait out throttling than fail.
            clientOptions.MaxRetryAttemptsOnRateLimitedRequests = 120;
            clientOptions.MaxRetryWaitTimeOnRateLimitedRequests = TimeSpan.FromMinutes(5);
        });
        await DatabaseInitializer.EnsureCreatedAsync(client, cosmos.DatabaseName, cancellationToken).ConfigureAwait(false);
        var containers = BotDataModel.Containers.ToDictionary(
            container => container.DocumentType,
            container => (container.Name, Container: client.GetContainer(cosmos.DatabaseName, container.Name)));

        var started = timeProvider.GetTimestamp();
        var tally = new SeedTally();
        var documents = SeedGenerator.Generate(request).SelectMany(user => user.Documents);
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = request.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(documents, parallelism, async (document, token) =>
        {
            var (name, container) = containers[document.Type];
            var charge = await UpsertAsync(container, document, token).ConfigureAwait(false);
            var written = tally.Add(name, charge);
            if (written % ProgressInterval == 0)
            {
                progress?.Report(new SeedProgress(written, tally.Totals().RequestCharge, timeProvider.GetElapsedTime(started)));
            }
        }).ConfigureAwait(false);

        var elapsed = timeProvider.GetElapsedTime(started);
        var (items, requestCharge) = tally.Totals();
        progress?.Report(new SeedProgress(items, requestCharge, elapsed));
        var result = new SeedResult(request.Users, tally.ItemsPerContainer(), requestCharge, elapsed, bulk);
        LogMessages.SeedCompleted(logger, result.TotalItems, elapsed, result.ItemsPerSecond, requestCharge);
        return result;
    }

    /// <summary>
    /// Upserts through the stream API: the typed API would read the response back as the abstract
    /// <see cref="BotDocument"/>, and emulators return the body even when asked not to.
    /// </summary>
    private static async Task<double> UpsertAsync(Container container, BotDocument document, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(document)));
        using var response = await container
            .UpsertItemStreamAsync(body, new PartitionKey(document.WaId), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return response.Headers.RequestCharge;
    }
}

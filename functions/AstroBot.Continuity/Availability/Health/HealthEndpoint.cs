using AstroBot.Continuity.Data;
using AstroBot.Continuity.Storage;
using Microsoft.AspNetCore.Http;

namespace AstroBot.Continuity.Availability.Health;

/// <summary>
/// <c>GET /api/health</c> says the process answers; <c>GET /api/health/ready</c> says its dependencies
/// (storage and Cosmos DB) answer too, so a load balancer or Front Door probe can route around an instance
/// that cannot do its work.
/// </summary>
public sealed class HealthEndpoint(StorageReadiness storage, CosmosReadiness cosmos)
{
    public static IResult Alive() => Results.Json(new HealthReport("alive", null));

    public async Task<IResult> ReadyAsync(CancellationToken cancellationToken)
    {
        var storageReady = storage.IsReadyAsync(cancellationToken);
        var cosmosReady = cosmos.IsReadyAsync(cancellationToken);
        var checks = new Dictionary<string, string>
        {
            ["storage"] = await storageReady.ConfigureAwait(false) ? "ready" : "unreachable",
            ["cosmos"] = await cosmosReady.ConfigureAwait(false) ? "ready" : "unreachable",
        };
        var ready = checks.Values.All(state => state == "ready");
        return Results.Json(
            new HealthReport(ready ? "ready" : "degraded", checks),
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private sealed record HealthReport(string Status, IReadOnlyDictionary<string, string>? Checks);
}

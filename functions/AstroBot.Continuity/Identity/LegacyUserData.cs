using System.Net;
using AstroBot.Continuity.Data;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Identity;

/// <summary>
/// Whether the bot holds data under a phone number that the directory has never seen: people the bot knew before
/// the directory existed are keyed by their phone number, so a first sight of that number can still find a
/// history. Asked only in the rare case where linking the number to someone else would hide that history.
/// </summary>
public sealed class LegacyUserData(CosmosClient cosmos, IOptions<CosmosOptions> options)
{
    /// <summary>True when an account document exists under <paramref name="userKey"/> (every user of the bot has exactly one).</summary>
    public async Task<bool> ExistsAsync(string userKey, CancellationToken ct)
    {
        var accounts = cosmos.GetContainer(options.Value.DatabaseName, BotDataModel.Accounts.Name);
        using var response = await accounts.ReadItemStreamAsync(userKey, new PartitionKey(userKey), cancellationToken: ct).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false, // no such account, or no such database or container: no data either way
            _ => throw new CosmosException($"Reading an account answered {(int)response.StatusCode}.", response.StatusCode, 0, response.Headers.ActivityId, response.Headers.RequestCharge),
        };
    }
}

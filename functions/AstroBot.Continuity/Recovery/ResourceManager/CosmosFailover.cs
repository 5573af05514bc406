using System.Text.Json.Nodes;
using AstroBot.Continuity.Arm;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// Moves the live Cosmos DB account's write region through the two POST actions generic resources lack, each sent
/// through <see cref="ArmRestClient"/> and followed to its end (<see cref="ArmOperationPolling"/>):
/// <c>failoverPriorityChange</c>, the graceful switch of a drill (never during an outage), and <c>offlineRegion</c>,
/// the forced failover Microsoft recommends in one.
/// </summary>
public sealed class CosmosFailover(ArmRestClient rest, IOptions<RecoveryArmOptions> options, TimeProvider time)
{
    /// <summary>
    /// Gives the regions these failover priorities, in order: the first becomes the write region. Every region of the
    /// account must be named once (Resource Manager refuses a partial list).
    /// </summary>
    /// <exception cref="RecoveryArmException">Refused (no role, another operation in progress) or the operation failed.</exception>
    public Task ChangeFailoverPrioritiesAsync(IReadOnlyList<string> regionsInPriorityOrder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regionsInPriorityOrder);
        if (regionsInPriorityOrder.Count == 0 || regionsInPriorityOrder.Any(string.IsNullOrWhiteSpace)
            || regionsInPriorityOrder.Distinct(StringComparer.OrdinalIgnoreCase).Count() != regionsInPriorityOrder.Count)
        {
            throw new ArgumentException("Name each region of the account once, the new write region first.", nameof(regionsInPriorityOrder));
        }

        var policies = new JsonArray([.. regionsInPriorityOrder.Select((region, priority) =>
            (JsonNode)new JsonObject { ["locationName"] = region, ["failoverPriority"] = priority })]);
        return SendAsync(
            "failoverPriorityChange",
            new JsonObject { ["failoverPolicies"] = policies },
            $"Changing the failover priorities of Cosmos DB account '{options.Value.CosmosAccountName}' to {string.Join(", ", regionsInPriorityOrder)}",
            cancellationToken);
    }

    /// <summary>Takes a region of the account offline (a forced failover when it is the write region).</summary>
    /// <exception cref="RecoveryArmException">Refused (no role, another operation in progress) or the operation failed.</exception>
    public Task TakeRegionOfflineAsync(string region, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return SendAsync(
            "offlineRegion",
            new JsonObject { ["region"] = region },
            $"Taking region '{region}' of Cosmos DB account '{options.Value.CosmosAccountName}' offline",
            cancellationToken);
    }

    private Task SendAsync(string action, JsonObject body, string subject, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var account = CosmosArm.AccountId(settings.SubscriptionId, settings.ResourceGroup, settings.CosmosAccountName);
        return RecoveryArmCall.RunAsync(subject, $"'{RecoveryArmRoles.Failover(settings.CosmosAccountName)}' on the account", async () =>
        {
            var operation = await rest.PostAsync(account, action, CosmosArm.ApiVersion, BinaryData.FromString(body.ToJsonString()), cancellationToken).ConfigureAwait(false);
            await ArmOperationPolling.CompleteAsync(operation, settings.PollInterval, time, cancellationToken).ConfigureAwait(false);
        });
    }
}

using System.Text.Json;
using AstroBot.Continuity.Arm;
using Azure;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// Reads the live Cosmos DB account's regions through Resource Manager (a generic resource, <see cref="CosmosArm"/>):
/// what a failover drill checks before it starts and after each step.
/// </summary>
public sealed class CosmosAccountRegions(ArmClient arm, IOptions<RecoveryArmOptions> options)
{
    /// <exception cref="RecoveryArmException">The account is not found, the app may not read it, or Azure describes no region.</exception>
    public async Task<CosmosAccountTopology> ReadAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var accountId = CosmosArm.AccountId(settings.SubscriptionId, settings.ResourceGroup, settings.CosmosAccountName);
        GenericResourceData data;
        try
        {
            var account = await RecoveryArmCall.RunAsync(
                $"Reading Cosmos DB account '{settings.CosmosAccountName}'",
                $"'{RecoveryArmRoles.Failover(settings.CosmosAccountName)}' on the account",
                () => arm.GetGenericResource(accountId).GetAsync(cancellationToken)).ConfigureAwait(false);
            data = account.Value.Data;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            throw new RecoveryArmException(
                $"Cosmos DB account '{settings.CosmosAccountName}' was not found in resource group '{settings.ResourceGroup}' of subscription '{settings.SubscriptionId}'; " +
                "check Recovery:ResourceManager:SubscriptionId, ResourceGroup and CosmosAccountName.",
                exception);
        }

        return Parse(settings.CosmosAccountName ?? "", data.Location.Name, data.Properties);
    }

    /// <summary>
    /// <c>properties.locations</c> (each region's state), <c>failoverPolicies</c> (the priorities, which win over the
    /// locations' copy of them), <c>writeLocations</c> and <c>enableAutomaticFailover</c>.
    /// </summary>
    internal static CosmosAccountTopology Parse(string accountName, string location, BinaryData? properties)
    {
        if (properties is null)
        {
            throw new RecoveryArmException($"Resource Manager describes Cosmos DB account '{accountName}' without properties: no regions to read.");
        }

        using var document = JsonDocument.Parse(properties.ToMemory());
        var root = document.RootElement;
        var priorities = Entries(root, "failoverPolicies").ToDictionary(
            policy => Text(policy, "locationName") ?? "", policy => Number(policy, "failoverPriority"), StringComparer.OrdinalIgnoreCase);
        var writeRegions = Entries(root, "writeLocations").Select(location => Text(location, "locationName")).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var regions = Entries(root, "locations")
            .Select(location =>
            {
                var name = Text(location, "locationName") ?? "";
                var priority = priorities.TryGetValue(name, out var policy) && policy is { } known ? known : Number(location, "failoverPriority") ?? int.MaxValue;
                var writes = writeRegions.Count > 0 ? writeRegions.Contains(name) : priority == 0;
                var zoneRedundant = location.TryGetProperty("isZoneRedundant", out var zones) && zones.ValueKind == JsonValueKind.True;
                return new CosmosAccountRegion(name, priority, writes, Text(location, "provisioningState"), zoneRedundant);
            })
            .OrderBy(region => region.FailoverPriority)
            .ToList();
        if (regions.Count == 0 || regions.Any(region => region.Name.Length == 0))
        {
            throw new RecoveryArmException($"Resource Manager describes Cosmos DB account '{accountName}' without named regions (properties.locations).");
        }

        var automatic = root.TryGetProperty("enableAutomaticFailover", out var failover) && failover.ValueKind == JsonValueKind.True;
        return new CosmosAccountTopology(accountName, location, automatic, regions);
    }

    private static IEnumerable<JsonElement> Entries(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(entry => entry.ValueKind == JsonValueKind.Object).ToList()
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}

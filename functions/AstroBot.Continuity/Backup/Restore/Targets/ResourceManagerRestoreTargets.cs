using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Data;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>
/// Restore targets through Azure Resource Manager, as generic resources (<see cref="CosmosArm"/>), signed in with the
/// app's identity: the only way to create or delete a database on an account whose local auth is off. A database is
/// created with the source's throughput mode (<see cref="TargetThroughput"/>), each container partitioned by
/// <c>/wa_id</c> (Hash, version 2) with the default indexing policy, as Bicep creates the live ones. Each operation is
/// polled until it ends (<see cref="ArmOperationPolling"/>). Existing resources are never written again: a PUT would
/// reset a live container's settings.
/// </summary>
public sealed partial class ResourceManagerRestoreTargets(
    ArmClient arm,
    IOptions<RestoreTargetOptions> options,
    IOptions<CosmosOptions> cosmos,
    TimeProvider time,
    ILogger<ResourceManagerRestoreTargets> logger) : IRestoreTargetProvisioner
{
    private RestoreTargetOptions Options => options.Value;

    public async Task EnsureCreatedAsync(string database, IEnumerable<string> containers, CancellationToken cancellationToken)
    {
        CheckName(database);
        ArgumentNullException.ThrowIfNull(containers);
        var accountId = CosmosArm.AccountId(Options.SubscriptionId, Options.ResourceGroup, Options.AccountName);
        var account = await GetAsync(accountId, $"Reading Cosmos DB account '{Options.AccountName}'", cancellationToken).ConfigureAwait(false)
            ?? throw new RestoreTargetException(
                $"Cosmos DB account '{Options.AccountName}' was not found in resource group '{Options.ResourceGroup}' of subscription '{Options.SubscriptionId}'; " +
                "check Backup:RestoreTarget:SubscriptionId, ResourceGroup and AccountName.");
        var databaseId = CosmosArm.DatabaseId(accountId, database);
        if (await GetAsync(databaseId, $"Reading database '{database}'", cancellationToken).ConfigureAwait(false) is null)
        {
            var throughput = await ThroughputAsync(account, accountId, cancellationToken).ConfigureAwait(false);
            var properties = new JsonObject { ["resource"] = new JsonObject { ["id"] = database } };
            if (throughput.Options is { } throughputOptions)
            {
                properties["options"] = throughputOptions;
            }

            await CreateAsync(databaseId, account.Data.Location, properties, $"Creating database '{database}'", cancellationToken).ConfigureAwait(false);
            LogMessages.RestoreTargetCreated(logger, database, Options.AccountName ?? "", throughput.Description);
        }

        foreach (var container in containers)
        {
            var containerId = CosmosArm.ContainerId(databaseId, container);
            var existing = await GetAsync(containerId, $"Reading container '{container}' of database '{database}'", cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                CheckPartitionKey(existing.Data.Properties, database, container);
                continue;
            }

            var properties = new JsonObject
            {
                ["resource"] = new JsonObject
                {
                    ["id"] = container,
                    ["partitionKey"] = new JsonObject { ["paths"] = new JsonArray(BotDataModel.PartitionKeyPath), ["kind"] = "Hash", ["version"] = 2 },
                },
            };
            await CreateAsync(containerId, account.Data.Location, properties, $"Creating container '{container}' of database '{database}'", cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(string database, CancellationToken cancellationToken)
    {
        CheckName(database);
        var databaseId = CosmosArm.DatabaseId(CosmosArm.AccountId(Options.SubscriptionId, Options.ResourceGroup, Options.AccountName), database);
        try
        {
            var operation = await arm.GetGenericResource(databaseId).DeleteAsync(WaitUntil.Started, cancellationToken).ConfigureAwait(false);
            await ArmOperationPolling.CompleteAsync(operation, Options.PollingInterval, time, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Never created (a restore refused before it began): nothing to delete.
        }
        catch (RequestFailedException exception)
        {
            if (ArmFailures.Explain(exception, $"Deleting database '{database}'", Options) is { } explained)
            {
                throw explained;
            }

            throw;
        }
    }

    /// <summary>The resource, or null when Resource Manager says it does not exist.</summary>
    private async Task<GenericResource?> GetAsync(ResourceIdentifier id, string doing, CancellationToken cancellationToken)
    {
        try
        {
            return (await arm.GetGenericResource(id).GetAsync(cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException exception)
        {
            if (ArmFailures.Explain(exception, doing, Options) is { } explained)
            {
                throw explained;
            }

            throw;
        }
    }

    /// <summary>PUT, then polls the operation (<c>Azure-AsyncOperation</c>) until it ends; a failed one throws with Azure's error.</summary>
    private async Task CreateAsync(ResourceIdentifier id, AzureLocation location, JsonObject properties, string doing, CancellationToken cancellationToken)
    {
        var data = new GenericResourceData(location) { Properties = BinaryData.FromString(properties.ToJsonString()) };
        try
        {
            var operation = await arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Started, id, data, cancellationToken).ConfigureAwait(false);
            await ArmOperationPolling.CompleteAsync(operation, Options.PollingInterval, time, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            if (ArmFailures.Explain(exception, doing, Options) is { } explained)
            {
                throw explained;
            }

            throw;
        }
    }

    private async Task<TargetThroughput> ThroughputAsync(GenericResource account, ResourceIdentifier accountId, CancellationToken cancellationToken)
    {
        if (IsServerless(account.Data.Properties))
        {
            return TargetThroughput.Serverless;
        }

        var source = cosmos.Value.DatabaseName;
        var settings = await GetAsync(
            CosmosArm.ThroughputId(CosmosArm.DatabaseId(accountId, source)), $"Reading the throughput of database '{source}'", cancellationToken).ConfigureAwait(false);
        return settings is null ? TargetThroughput.Fallback(source) : TargetThroughput.CopiedFrom(source, settings.Data.Properties);
    }

    private static bool IsServerless(BinaryData? accountProperties)
    {
        if (accountProperties is null)
        {
            return false;
        }

        using var document = JsonDocument.Parse(accountProperties.ToMemory());
        return document.RootElement.TryGetProperty("capabilities", out var capabilities) && capabilities.ValueKind == JsonValueKind.Array
            && capabilities.EnumerateArray().Any(capability =>
                capability.TryGetProperty("name", out var name) && string.Equals(name.GetString(), "EnableServerless", StringComparison.OrdinalIgnoreCase));
    }

    private static void CheckPartitionKey(BinaryData? containerProperties, string database, string container)
    {
        var paths = new List<string?>();
        if (containerProperties is not null)
        {
            using var document = JsonDocument.Parse(containerProperties.ToMemory());
            if (document.RootElement.TryGetProperty("resource", out var resource)
                && resource.TryGetProperty("partitionKey", out var partitionKey)
                && partitionKey.TryGetProperty("paths", out var found) && found.ValueKind == JsonValueKind.Array)
            {
                paths.AddRange(found.EnumerateArray().Select(path => path.GetString()));
            }
        }

        if (paths is not [BotDataModel.PartitionKeyPath])
        {
            throw new RestoreTargetException(
                $"Container '{container}' of database '{database}' exists partitioned by {string.Join(", ", paths)}, not {BotDataModel.PartitionKeyPath}; restore into another database.");
        }
    }

    /// <summary>
    /// A name Resource Manager takes as one path segment as it is. The generated target and scratch names always are;
    /// a name typed by an operator with other characters is refused before anything is sent.
    /// </summary>
    private static void CheckName(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        if (!DatabaseName().IsMatch(database))
        {
            throw new RestoreTargetException(
                $"Database name '{database}' cannot be created through Resource Manager: use 1-255 letters, digits, '-', '_' or '.', starting with a letter or digit.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$")]
    private static partial Regex DatabaseName();
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Arm;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// Cosmos DB's own point-in-time restore of the live account's continuous backup into a new account, and the deletion
/// of that account once the drill has checked it. The restorable account is found through <see cref="ArmRestClient"/>
/// (a collection by location, no resource); the new account is created and deleted as a generic resource. A restore
/// takes from minutes to hours, longer than an activity should run: <see cref="StartRestoreAsync"/> and
/// <see cref="PollAsync"/> let an orchestration follow it in bounded steps, <see cref="RestoreAsync"/> waits for it.
/// The live account is never written or deleted here: a new name equal to it is refused.
/// </summary>
public sealed class CosmosNativeRestore(
    ArmClient arm, ArmRestClient rest, CosmosAccountRegions regions, IOptions<RecoveryArmOptions> options, TimeProvider time)
{
    /// <summary>The tag that marks an account as a drill's, so an operator can tell it from the live one.</summary>
    public const string DrillTag = "astrobot-drill";

    private RecoveryArmOptions Settings => options.Value;

    private string Source => $"Cosmos DB account '{Settings.CosmosAccountName}'";

    /// <summary>The live account's continuous backup (the one not deleted, else the newest).</summary>
    /// <exception cref="RecoveryArmException">None is listed for the account (no continuous backup, or another location), or a refusal.</exception>
    public async Task<RestorableCosmosAccount> FindRestorableAsync(string location, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var path = $"/subscriptions/{Settings.SubscriptionId}/providers/Microsoft.DocumentDB/locations/{location}/restorableDatabaseAccounts";
        var response = await RecoveryArmCall.RunAsync(
            $"Listing the restorable Cosmos DB accounts in {location}", $"'{RecoveryArmRoles.RestorableAccounts(Settings.SubscriptionId)}' on the subscription",
            () => rest.GetAsync(path, CosmosArm.ApiVersion, cancellationToken)).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        var found = document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(Parse).Where(account => string.Equals(account?.AccountName, Settings.CosmosAccountName, StringComparison.OrdinalIgnoreCase)).OfType<RestorableCosmosAccount>()
            : [];
        return found.OrderBy(account => account.DeletionTime.HasValue).ThenByDescending(account => account.CreationTime).FirstOrDefault()
            ?? throw new RecoveryArmException(
                $"No restorable account is listed for {Source} in {location}: is its backup policy Continuous (bicep/modules/cosmos.bicep), and is {location} the account's location?");
    }

    /// <summary>
    /// Sends the restore of the live account as it was at <paramref name="pointInTime"/> into a new account named
    /// <paramref name="newAccountName"/> (same location, one region); returns where it is followed.
    /// </summary>
    /// <exception cref="RecoveryArmException">The point is outside the backup's window, the name is the live account's, or a refusal.</exception>
    public async Task<ArmOperationState> StartRestoreAsync(string newAccountName, DateTimeOffset pointInTime, CancellationToken cancellationToken)
    {
        CheckNotLive(newAccountName);
        var location = (await regions.ReadAsync(cancellationToken).ConfigureAwait(false)).Location;
        var source = await FindRestorableAsync(location, cancellationToken).ConfigureAwait(false);
        CheckWindow(source, pointInTime);
        var data = new GenericResourceData(new AzureLocation(location))
        {
            Kind = "GlobalDocumentDB",
            Properties = BinaryData.FromString(RestoreProperties(location, source, pointInTime).ToJsonString()),
        };
        data.Tags[DrillTag] = "native-restore";
        var id = AccountId(newAccountName);
        return await RecoveryArmCall.RunAsync(
            $"Restoring {Source} as of {Iso(pointInTime)} into new account '{newAccountName}'", NativeRestoreRole, async () =>
            {
                var operation = await arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Started, id, data, cancellationToken).ConfigureAwait(false);
                return ArmOperationState.Of(rest.Follow(operation.GetRawResponse()));
            }).ConfigureAwait(false);
    }

    /// <summary>Polls a restore or deletion once.</summary>
    /// <exception cref="RecoveryArmException">The operation failed (Azure's error inside) or a refusal.</exception>
    public Task<ArmOperationState> PollAsync(ArmOperationLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        return RecoveryArmCall.RunAsync($"Following operation {link.Url.AbsolutePath} of a native restore drill", NativeRestoreRole, async () =>
            ArmOperationState.Of(await rest.PollAsync(link, cancellationToken).ConfigureAwait(false)));
    }

    /// <summary>Restores and waits until the new account exists (<see cref="RecoveryArmOptions.PollInterval"/> between polls).</summary>
    public async Task RestoreAsync(string newAccountName, DateTimeOffset pointInTime, CancellationToken cancellationToken)
    {
        var state = await StartRestoreAsync(newAccountName, pointInTime, cancellationToken).ConfigureAwait(false);
        await CompleteAsync(state, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The data-plane endpoint of a drill's restored account (<c>properties.documentEndpoint</c>).</summary>
    /// <exception cref="RecoveryArmException">The name is the live account's, the account has no endpoint yet, or a refusal.</exception>
    public async Task<Uri> ReadEndpointAsync(string restoredAccountName, CancellationToken cancellationToken)
    {
        CheckNotLive(restoredAccountName);
        var account = await RecoveryArmCall.RunAsync($"Reading drill account '{restoredAccountName}'", NativeRestoreRole, () =>
            arm.GetGenericResource(AccountId(restoredAccountName)).GetAsync(cancellationToken)).ConfigureAwait(false);
        using var document = JsonDocument.Parse(account.Value.Data.Properties?.ToMemory() ?? BinaryData.FromString("{}").ToMemory());
        return Text(document.RootElement, "documentEndpoint") is { } endpoint && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            ? uri
            : throw new RecoveryArmException($"Resource Manager describes drill account '{restoredAccountName}' without a documentEndpoint: it is not provisioned.");
    }

    /// <summary>Sends the deletion of a drill's account; one that does not exist is already deleted.</summary>
    /// <exception cref="RecoveryArmException">The name is the live account's, or a refusal.</exception>
    public async Task<ArmOperationState> StartDeleteAsync(string restoredAccountName, CancellationToken cancellationToken)
    {
        CheckNotLive(restoredAccountName);
        try
        {
            return await RecoveryArmCall.RunAsync($"Deleting drill account '{restoredAccountName}'", NativeRestoreRole, async () =>
            {
                var operation = await arm.GetGenericResource(AccountId(restoredAccountName)).DeleteAsync(WaitUntil.Started, cancellationToken).ConfigureAwait(false);
                return ArmOperationState.Of(rest.Follow(operation.GetRawResponse()));
            }).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return new ArmOperationState(null, "Succeeded", true, null);
        }
    }

    /// <summary>Deletes a drill's account and waits until it is gone.</summary>
    public async Task DeleteAsync(string restoredAccountName, CancellationToken cancellationToken)
    {
        var state = await StartDeleteAsync(restoredAccountName, cancellationToken).ConfigureAwait(false);
        await CompleteAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private string NativeRestoreRole => $"'{RecoveryArmRoles.NativeRestore(Settings.ResourceGroup)}' on the resource group";

    private async Task CompleteAsync(ArmOperationState state, CancellationToken cancellationToken)
    {
        while (!state.Completed && state.Link is { } link)
        {
            var wait = state.RetryAfter is { } asked && asked > Settings.PollInterval ? asked : Settings.PollInterval;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            state = await PollAsync(link, cancellationToken).ConfigureAwait(false);
        }
    }

    private ResourceIdentifier AccountId(string name) => CosmosArm.AccountId(Settings.SubscriptionId, Settings.ResourceGroup, name);

    private void CheckNotLive(string accountName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        if (string.Equals(accountName, Settings.CosmosAccountName, StringComparison.OrdinalIgnoreCase))
        {
            throw new RecoveryArmException($"'{accountName}' is the live account (Recovery:ResourceManager:CosmosAccountName): a native restore drill writes and deletes only an account of its own.");
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(accountName, ArmNamePatterns.CosmosAccount))
        {
            throw new RecoveryArmException($"'{accountName}' is not a Cosmos DB account name: 3-44 lowercase letters, digits or '-', starting with a letter or digit.");
        }
    }

    private void CheckWindow(RestorableCosmosAccount source, DateTimeOffset pointInTime)
    {
        var end = source.DeletionTime ?? time.GetUtcNow();
        if (pointInTime < source.WindowStart || pointInTime > end)
        {
            throw new RecoveryArmException(
                $"{Iso(pointInTime)} is outside the restorable window of {Source}: from {Iso(source.WindowStart)} to {Iso(end)}{(source.DeletionTime is null ? " (now)" : " (its deletion)")}.");
        }
    }

    /// <summary>
    /// The new account: Standard, one region (the source's location, priority 0), restored in <c>PointInTime</c> mode from
    /// the restorable account. Everything else (consistency, backup policy, keys off) is the restore's to copy.
    /// </summary>
    private static JsonObject RestoreProperties(string location, RestorableCosmosAccount source, DateTimeOffset pointInTime) => new()
    {
        ["databaseAccountOfferType"] = "Standard",
        ["createMode"] = "Restore",
        ["locations"] = new JsonArray(new JsonObject { ["locationName"] = location, ["failoverPriority"] = 0 }),
        ["restoreParameters"] = new JsonObject
        {
            ["restoreMode"] = "PointInTime",
            ["restoreSource"] = source.Id.ToString(),
            ["restoreTimestampInUtc"] = Iso(pointInTime),
        },
    };

    private static RestorableCosmosAccount? Parse(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || Text(entry, "id") is not { } id || Text(entry, "name") is not { } name
            || Text(properties, "accountName") is not { } accountName || Time(properties, "creationTime") is not { } created)
        {
            return null;
        }

        return new RestorableCosmosAccount(new ResourceIdentifier(id), name, accountName, created, Time(properties, "oldestRestorableTime"), Time(properties, "deletionTime"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Arm;
using Azure;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// The priorities of the Front Door origin group's origins (active-passive: priority 1 takes the traffic while
/// healthy), read and patched as generic resources (<see cref="FrontDoorArm"/>), each patch followed to its end. The
/// group's origins are listed through <see cref="ArmRestClient"/>: generic resources cannot list a resource's children.
/// </summary>
public sealed class FrontDoorOrigins(ArmClient arm, ArmRestClient rest, IOptions<RecoveryArmOptions> options, TimeProvider time)
{
    private const string Enabled = "Enabled";

    private RecoveryArmOptions Settings => options.Value;

    private string Role => $"'{RecoveryArmRoles.FrontDoorOrigins(Settings.FrontDoorProfileName)}' on the Front Door profile";

    private string Group => $"origin group '{Settings.OriginGroupName}' of Front Door profile '{Settings.FrontDoorProfileName}'";

    /// <summary>The group's origins, by name.</summary>
    public async Task<IReadOnlyList<FrontDoorOrigin>> ListAsync(CancellationToken cancellationToken)
    {
        var path = $"{GroupId}/origins";
        var response = await RecoveryArmCall.RunAsync($"Listing the origins of {Group}", Role, () => rest.GetAsync(path, FrontDoorArm.ApiVersion, cancellationToken)).ConfigureAwait(false);
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        return document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(origin => Parse(origin.GetProperty("name").GetString() ?? "", origin.GetProperty("properties"))).OrderBy(origin => origin.Name, StringComparer.Ordinal)]
            : throw new RecoveryArmException($"Listing the origins of {Group} answered no 'value' array.");
    }

    /// <summary>One origin.</summary>
    public async Task<FrontDoorOrigin> ReadAsync(string origin, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        var resource = await RecoveryArmCall.RunAsync(
            $"Reading origin '{origin}' of {Group}", Role, () => arm.GetGenericResource(FrontDoorArm.OriginId(GroupId, origin)).GetAsync(cancellationToken)).ConfigureAwait(false);
        using var document = JsonDocument.Parse(resource.Value.Data.Properties.ToMemory());
        return Parse(origin, document.RootElement);
    }

    /// <summary>
    /// Makes <paramref name="primary"/> the enabled priority-1 origin and every other origin priority 2 (the active-passive
    /// swap); returns what they were, for <see cref="RestoreAsync"/>. The new primary is promoted before the old one is
    /// demoted, so the group never lacks a priority-1 origin. An origin already as wanted is not patched.
    /// </summary>
    /// <exception cref="RecoveryArmException">No such origin in the group, a refusal, or a patch that failed.</exception>
    public async Task<IReadOnlyList<FrontDoorOrigin>> MakePrimaryAsync(string primary, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(primary);
        var previous = await ListAsync(cancellationToken).ConfigureAwait(false);
        if (!previous.Any(origin => origin.Name == primary))
        {
            throw new RecoveryArmException($"Origin '{primary}' is not in {Group} (it has {string.Join(", ", previous.Select(origin => origin.Name))}).");
        }

        var wanted = previous
            .Select(origin => origin.Name == primary ? origin with { Priority = 1, EnabledState = Enabled } : origin with { Priority = 2 })
            .OrderBy(origin => origin.Priority);
        await SetAsync(previous, wanted, cancellationToken).ConfigureAwait(false);
        return previous;
    }

    /// <summary>Gives the origins back the priorities and states <see cref="MakePrimaryAsync"/> returned.</summary>
    public async Task RestoreAsync(IReadOnlyList<FrontDoorOrigin> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var current = await ListAsync(cancellationToken).ConfigureAwait(false);
        await SetAsync(current, previous.OrderBy(origin => origin.Priority), cancellationToken).ConfigureAwait(false);
    }

    private Azure.Core.ResourceIdentifier GroupId =>
        FrontDoorArm.OriginGroupId(Settings.SubscriptionId, Settings.ResourceGroup, Settings.FrontDoorProfileName, Settings.OriginGroupName);

    private async Task SetAsync(IReadOnlyList<FrontDoorOrigin> current, IEnumerable<FrontDoorOrigin> wanted, CancellationToken cancellationToken)
    {
        foreach (var origin in wanted.Where(origin => !current.Contains(origin)))
        {
            await PatchAsync(origin, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>PATCH of the two properties only; the rest of the origin (host name, weight, ...) stays as Bicep set it.</summary>
    private Task PatchAsync(FrontDoorOrigin origin, CancellationToken cancellationToken)
    {
        var properties = new JsonObject { ["priority"] = origin.Priority, ["enabledState"] = origin.EnabledState };
        // Origins have no location; the generic model always writes one, so the PATCH says "location": null (untried in Azure).
        var data = new GenericResourceData(default) { Properties = BinaryData.FromString(properties.ToJsonString()) };
        return RecoveryArmCall.RunAsync($"Setting origin '{origin.Name}' of {Group} to priority {origin.Priority}, {origin.EnabledState}", Role, async () =>
        {
            var operation = await arm.GetGenericResource(FrontDoorArm.OriginId(GroupId, origin.Name)).UpdateAsync(WaitUntil.Started, data, cancellationToken).ConfigureAwait(false);
            await ArmOperationPolling.CompleteAsync(operation, Settings.PollInterval, time, cancellationToken).ConfigureAwait(false);
        });
    }

    private static FrontDoorOrigin Parse(string name, JsonElement properties) => new(
        name,
        properties.TryGetProperty("priority", out var priority) && priority.TryGetInt32(out var value) ? value : 1,
        properties.TryGetProperty("enabledState", out var state) && state.GetString() is { } text ? text : Enabled);
}

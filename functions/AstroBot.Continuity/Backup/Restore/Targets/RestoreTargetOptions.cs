using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using AstroBot.Continuity.Arm;

namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>How restore targets are created and dropped (section <c>Backup:RestoreTarget</c>).</summary>
public sealed partial class RestoreTargetOptions : IValidatableObject
{
    public const string SectionName = "Backup:RestoreTarget";

    /// <summary>
    /// <see cref="RestoreTargetProvisionerKind.DataPlane"/> (the default: the emulator, or an account with keys) or
    /// <see cref="RestoreTargetProvisionerKind.ResourceManager"/> (Azure with local auth off; Bicep sets it). The latter
    /// needs <see cref="SubscriptionId"/>, <see cref="ResourceGroup"/> and <see cref="AccountName"/>.
    /// </summary>
    public RestoreTargetProvisionerKind Provisioner { get; set; } = RestoreTargetProvisionerKind.DataPlane;

    /// <summary>The subscription of the Cosmos DB account, a GUID. Default: none; required with Resource Manager.</summary>
    public string? SubscriptionId { get; set; }

    /// <summary>The resource group of the Cosmos DB account. Default: none; required with Resource Manager.</summary>
    public string? ResourceGroup { get; set; }

    /// <summary>
    /// The Cosmos DB account's name: the account of <c>Cosmos:Endpoint</c>. Default: none; required with Resource Manager.
    /// </summary>
    public string? AccountName { get; set; }

    /// <summary>
    /// The least wait between two polls of a Resource Manager operation; a longer <c>Retry-After</c> from Azure wins.
    /// Default: 2 seconds (0 to 1 minute).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Backup:RestoreTarget:PollingInterval must be between 0 and 1 minute.")]
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    public bool UsesResourceManager => Provisioner == RestoreTargetProvisionerKind.ResourceManager;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provisioner))
        {
            yield return new ValidationResult(
                $"Backup:RestoreTarget:Provisioner must be {RestoreTargetProvisionerKind.DataPlane} or {RestoreTargetProvisionerKind.ResourceManager}.",
                [nameof(Provisioner)]);
            yield break;
        }

        if (!UsesResourceManager)
        {
            yield break;
        }

        const string Needed = "is required when Backup:RestoreTarget:Provisioner is ResourceManager";
        if (string.IsNullOrWhiteSpace(SubscriptionId))
        {
            yield return new ValidationResult($"Backup:RestoreTarget:SubscriptionId {Needed} (the Cosmos DB account's subscription id).", [nameof(SubscriptionId)]);
        }
        else if (!Guid.TryParseExact(SubscriptionId, "D", out _))
        {
            yield return new ValidationResult("Backup:RestoreTarget:SubscriptionId must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000).", [nameof(SubscriptionId)]);
        }

        if (string.IsNullOrWhiteSpace(ResourceGroup))
        {
            yield return new ValidationResult($"Backup:RestoreTarget:ResourceGroup {Needed} (the Cosmos DB account's resource group).", [nameof(ResourceGroup)]);
        }
        else if (!ResourceGroupName().IsMatch(ResourceGroup))
        {
            yield return new ValidationResult(
                "Backup:RestoreTarget:ResourceGroup must be a resource group name: 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending with '.'.",
                [nameof(ResourceGroup)]);
        }

        if (string.IsNullOrWhiteSpace(AccountName))
        {
            yield return new ValidationResult($"Backup:RestoreTarget:AccountName {Needed} (the Cosmos DB account's name).", [nameof(AccountName)]);
        }
        else if (!CosmosAccountName().IsMatch(AccountName))
        {
            yield return new ValidationResult(
                "Backup:RestoreTarget:AccountName must be a Cosmos DB account name: 3-44 lowercase letters, digits or '-', starting with a letter or digit.",
                [nameof(AccountName)]);
        }
    }

    [GeneratedRegex(ArmNamePatterns.ResourceGroup)]
    private static partial Regex ResourceGroupName();

    [GeneratedRegex(ArmNamePatterns.CosmosAccount)]
    private static partial Regex CosmosAccountName();
}

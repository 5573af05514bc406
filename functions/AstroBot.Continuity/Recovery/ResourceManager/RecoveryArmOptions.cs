using System.ComponentModel.DataAnnotations;
using AstroBot.Continuity.Arm;

namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// The resources the recovery drills act on through Resource Manager (section <c>Recovery:ResourceManager</c>; Bicep sets
/// them): the Cosmos DB account (failover, native restore) and the Front Door origin group (origin priorities).
/// Validated when a drill first uses them, not at start: a host that runs no drill (the emulator) needs none of them.
/// </summary>
public sealed class RecoveryArmOptions
{
    public const string SectionName = "Recovery:ResourceManager";

    /// <summary>The subscription of the account and the profile, a GUID. Default: none; required.</summary>
    [Required(ErrorMessage = "Recovery:ResourceManager:SubscriptionId is required (the subscription of the Cosmos DB account and the Front Door profile)")]
    [RegularExpression(ArmNamePatterns.SubscriptionId, ErrorMessage = "Recovery:ResourceManager:SubscriptionId must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)")]
    public string? SubscriptionId { get; set; }

    /// <summary>The resource group of the account and the profile; a native restore creates its account there too. Default: none; required.</summary>
    [Required(ErrorMessage = "Recovery:ResourceManager:ResourceGroup is required (the resource group of the Cosmos DB account and the Front Door profile)")]
    [RegularExpression(ArmNamePatterns.ResourceGroup, ErrorMessage = "Recovery:ResourceManager:ResourceGroup must be a resource group name: 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending with '.'")]
    public string? ResourceGroup { get; set; }

    /// <summary>The live Cosmos DB account: failed over, and restored from. Default: none; required.</summary>
    [Required(ErrorMessage = "Recovery:ResourceManager:CosmosAccountName is required (the live Cosmos DB account's name)")]
    [RegularExpression(ArmNamePatterns.CosmosAccount, ErrorMessage = "Recovery:ResourceManager:CosmosAccountName must be a Cosmos DB account name: 3-44 lowercase letters, digits or '-', starting with a letter or digit")]
    public string? CosmosAccountName { get; set; }

    /// <summary>The Front Door profile whose origins the drills reorder. Default: none; required.</summary>
    [Required(ErrorMessage = "Recovery:ResourceManager:FrontDoorProfileName is required (the Front Door profile's name)")]
    [RegularExpression(ArmNamePatterns.FrontDoorName, ErrorMessage = "Recovery:ResourceManager:FrontDoorProfileName must be a Front Door name: letters, digits and '-', starting and ending with a letter or digit")]
    public string? FrontDoorProfileName { get; set; }

    /// <summary>The origin group of the regional apps. Default <c>function-apps</c>, the one <c>bicep/modules/frontDoorRouting.bicep</c> declares.</summary>
    [Required(ErrorMessage = "Recovery:ResourceManager:OriginGroupName is required")]
    [RegularExpression(ArmNamePatterns.FrontDoorName, ErrorMessage = "Recovery:ResourceManager:OriginGroupName must be a Front Door name: letters, digits and '-', starting and ending with a letter or digit")]
    public string OriginGroupName { get; set; } = "function-apps";

    /// <summary>
    /// The least wait between two polls of an operation; a longer <c>Retry-After</c> from Azure wins. Default 10 seconds
    /// (0 to 5 minutes): failovers take minutes, a native restore up to hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Recovery:ResourceManager:PollInterval must be between 0 and 5 minutes")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);
}

namespace AstroBot.Continuity.Arm;

/// <summary>The names Resource Manager takes for the resources the app addresses, as regular expressions for options to validate.</summary>
public static class ArmNamePatterns
{
    /// <summary>A subscription id: a GUID in its 8-4-4-4-12 form.</summary>
    public const string SubscriptionId = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

    /// <summary>A resource group: 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending with '.'.</summary>
    public const string ResourceGroup = @"^[-\w.()]{0,89}[-\w()]$";

    /// <summary>A Cosmos DB account: 3-44 lowercase letters, digits or '-', starting with a letter or digit.</summary>
    public const string CosmosAccount = "^[a-z0-9][a-z0-9-]{2,43}$";

    /// <summary>A Front Door profile, origin group or origin: letters, digits and '-', starting and ending with a letter or digit.</summary>
    public const string FrontDoorName = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,88}[A-Za-z0-9])?$";
}

using Azure.Core;

namespace AstroBot.Continuity.Arm;

/// <summary>The options of <see cref="ArmRestClient"/>: Azure.Core's (transport, retries, diagnostics) and Resource Manager's address.</summary>
public sealed class ArmRestClientOptions : ClientOptions
{
    /// <summary>Resource Manager in the public cloud, as the app's <c>ArmClient</c> calls it.</summary>
    public Uri Endpoint { get; set; } = new("https://management.azure.com");
}

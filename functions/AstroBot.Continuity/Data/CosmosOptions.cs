using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Data;

/// <summary>Where the bot's Cosmos DB account is and how to sign in: configuration section "Cosmos".</summary>
public sealed class CosmosOptions : IValidatableObject
{
    public const string SectionName = "Cosmos";

    /// <summary>The well-known key of the Cosmos DB emulators (public, documented by Microsoft).</summary>
    public const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /// <summary>The account endpoint, an absolute https URL. Default: "https://127.0.0.1:8081", the local emulator.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Cosmos:Endpoint is required")]
    public string Endpoint { get; set; } = "https://127.0.0.1:8081";

    /// <summary>
    /// The account key. Default: <see cref="EmulatorKey"/>. Set it to an empty value in Azure: the client then signs
    /// in with the managed identity (DefaultAzureCredential) and no key is stored anywhere.
    /// </summary>
    public string? Key { get; set; } = EmulatorKey;

    /// <summary>The database that holds the bot's containers. Default: "astrobot".</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Cosmos:DatabaseName is required")]
    [RegularExpression(@"^[^/\\#?]{1,255}$", ErrorMessage = "Cosmos:DatabaseName must be 1-255 characters without '/', '\\', '#' or '?'")]
    public string DatabaseName { get; set; } = "astrobot";

    /// <summary>
    /// The account's regions in the order this app prefers them, comma-separated Azure location names (the app's own
    /// region first: <c>westeurope,northeurope</c>) or the SDK's region names (<c>West Europe</c>). Empty (the default):
    /// the configured endpoint only. Bicep sets it per regional app. Ignored for a local emulator, which has one region.
    /// </summary>
    public string? PreferredRegions { get; set; }

    /// <summary>True when no key is configured and the managed identity signs in.</summary>
    public bool UsesManagedIdentity => string.IsNullOrWhiteSpace(Key);

    /// <summary><see cref="Endpoint"/> as a URI; valid once the options validated.</summary>
    public Uri GetEndpointUri() => new(Endpoint, UriKind.Absolute);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("Cosmos:Endpoint must be an absolute https URL", [nameof(Endpoint)]);
            yield break;
        }

        if (CosmosRegions.Unknown(PreferredRegions) is { Count: > 0 } unknown)
        {
            yield return new ValidationResult(
                $"Cosmos:PreferredRegions names regions Cosmos DB does not know: {string.Join(", ", unknown)} (use Azure location names such as westeurope, or the SDK's such as West Europe)",
                [nameof(PreferredRegions)]);
        }

        // The emulator key against a real account can only fail at the first request; say so at start instead.
        if (Key == EmulatorKey && !EmulatorEndpoint.IsLoopback(endpoint))
        {
            yield return new ValidationResult(
                "Cosmos:Key is the emulator's well-known key but Cosmos:Endpoint is not a local emulator; set Cosmos:Key to the account key, or to empty to use the managed identity",
                [nameof(Key)]);
        }
    }
}

using System.Net.Security;
using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Data;

/// <summary>
/// Builds every <see cref="CosmosClient"/> of the backend (the bot's shared client, the backups' low-priority client,
/// the seed's bulk client), for Azure and for the emulator alike. Registered by <c>AddBotData</c> with the app's one
/// credential (<c>AddContinuityAzureClients</c>).
/// </summary>
/// <param name="options">The account and how to sign in.</param>
/// <param name="credential">
/// The app's one credential, which signs in when <see cref="CosmosOptions.Key"/> is empty. Null outside a container
/// (tests, tools): then only a key signs in.
/// </param>
public sealed class CosmosClientFactory(CosmosOptions options, TokenCredential? credential = null)
{
    /// <summary>
    /// A new client in gateway mode (HTTPS only, which is all the emulator speaks and what passes firewalls), pinned
    /// to the configured endpoint; it signs in with the key or, without one, the credential. The caller owns it.
    /// </summary>
    /// <param name="configure">Adjusts the client options after the defaults, e.g. bulk execution for the seed.</param>
    public CosmosClient Create(Action<CosmosClientOptions>? configure = null)
    {
        var clientOptions = CreateClientOptions(options.GetEndpointUri(), CosmosRegions.Parse(options.PreferredRegions));
        configure?.Invoke(clientOptions);
        if (!options.UsesManagedIdentity)
        {
            return new CosmosClient(options.Endpoint, options.Key, clientOptions);
        }

        return credential is not null
            ? new CosmosClient(options.Endpoint, credential, clientOptions)
            : throw new InvalidOperationException(
                "Cosmos:Key is empty, so the account is reached with the app's credential: take the client factory from the registration (AddBotData).");
    }

    /// <summary>
    /// How long a read waits in the first preferred region before it is also sent to the next (cross-region hedging),
    /// and then to each further one: long enough that a healthy region answers first, short next to a webhook's budget.
    /// </summary>
    internal static readonly (TimeSpan Threshold, TimeSpan Step) ReadHedging = (TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(100));

    /// <param name="preferredRegions">The SDK's names of the regions this app prefers, its own first; empty: the endpoint only.</param>
    internal static CosmosClientOptions CreateClientOptions(Uri endpoint, IReadOnlyList<string>? preferredRegions = null)
    {
        var clientOptions = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            // The emulator and single-region accounts must not be swapped for another region's endpoint.
            LimitToEndpoint = true,
        };
        if (EmulatorEndpoint.IsLoopback(endpoint))
        {
            clientOptions.HttpClientFactory = () => new HttpClient(CreateEmulatorHandler(), disposeHandler: true);
        }
        else if (preferredRegions is { Count: > 0 })
        {
            // A multi-region account: its own region first, the other when that one fails, and slow reads hedged there.
            clientOptions.LimitToEndpoint = false;
            clientOptions.ApplicationPreferredRegions = [.. preferredRegions];
            clientOptions.AvailabilityStrategy = AvailabilityStrategy.CrossRegionHedgingStrategy(ReadHedging.Threshold, ReadHedging.Step);
        }

        return clientOptions;
    }

    /// <summary>A handler that accepts the emulator's self-signed certificate, and only from a loopback host.</summary>
    internal static HttpClientHandler CreateEmulatorHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (request, _, _, errors) =>
            errors == SslPolicyErrors.None || (request.RequestUri is { } uri && EmulatorEndpoint.IsLoopback(uri)),
    };
}

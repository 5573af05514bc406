using System.Net.Security;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace AstroBot.Continuity.Data;

/// <summary>Builds the <see cref="CosmosClient"/> every part of the backend uses, for Azure and for the emulator alike.</summary>
public static class CosmosClientFactory
{
    /// <summary>
    /// Gateway mode (HTTPS only, which is all the emulator speaks and what passes firewalls), pinned to the
    /// configured endpoint; signs in with the key or, without one, the managed identity.
    /// </summary>
    /// <param name="configure">Adjusts the client options after the defaults, e.g. bulk execution for the seed.</param>
    public static CosmosClient Create(CosmosOptions options, Action<CosmosClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = CreateClientOptions(options.GetEndpointUri());
        configure?.Invoke(clientOptions);
        return options.UsesManagedIdentity
            ? new CosmosClient(options.Endpoint, new DefaultAzureCredential(), clientOptions)
            : new CosmosClient(options.Endpoint, options.Key, clientOptions);
    }

    internal static CosmosClientOptions CreateClientOptions(Uri endpoint)
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

        return clientOptions;
    }

    /// <summary>A handler that accepts the emulator's self-signed certificate, and only from a loopback host.</summary>
    internal static HttpClientHandler CreateEmulatorHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (request, _, _, errors) =>
            errors == SslPolicyErrors.None || (request.RequestUri is { } uri && EmulatorEndpoint.IsLoopback(uri)),
    };
}

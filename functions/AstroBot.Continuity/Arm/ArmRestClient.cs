using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AstroBot.Continuity.Arm;

/// <summary>
/// The Resource Manager requests generic resources cannot make: POST actions (<c>failoverPriorityChange</c>,
/// <c>offlineRegion</c>), GETs of collections that are not resources (restorable accounts by location), and the polls
/// of an <see cref="ArmAsyncOperation"/>. Azure.Core's <see cref="HttpPipeline"/> signed in with the app's one
/// <see cref="TokenCredential"/> for <see cref="Scope"/>, throttling waited out on the injected clock
/// (<see cref="ArmThrottling"/>). Built by the one Azure-clients registration (<c>AddContinuityAzureClients</c>); tests
/// give it a transport of their own.
/// </summary>
public sealed class ArmRestClient
{
    /// <summary>Resource Manager's token scope.</summary>
    public const string Scope = "https://management.azure.com/.default";

    private readonly HttpPipeline pipeline;
    private readonly Uri endpoint;

    public ArmRestClient(TokenCredential credential, ArmRestClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        endpoint = options.Endpoint;
        ArmThrottling.AddTo(options, time);
        pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, Scope));
    }

    /// <summary>GET <paramref name="path"/> (from <c>/subscriptions/...</c>): the answer when 200.</summary>
    /// <exception cref="RequestFailedException">Any other answer, 429 after the retries included.</exception>
    public async Task<Response> GetAsync(string path, string apiVersion, CancellationToken cancellationToken)
    {
        var response = await SendAsync(RequestMethod.Get, Address(path, apiVersion), null, cancellationToken).ConfigureAwait(false);
        return response.Status == 200 ? response : throw new RequestFailedException(response);
    }

    /// <summary>
    /// POST <paramref name="resource"/>/<paramref name="action"/> with a JSON body: the operation it started (202 with a
    /// link to poll), or one that has already ended (200 or 204).
    /// </summary>
    /// <exception cref="RequestFailedException">Resource Manager refused the request (403, 409, 429 after the retries, ...).</exception>
    public async Task<ArmAsyncOperation> PostAsync(ResourceIdentifier resource, string action, string apiVersion, BinaryData body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var response = await SendAsync(RequestMethod.Post, Address($"{resource}/{action}", apiVersion), body, cancellationToken).ConfigureAwait(false);
        return response.Status is 200 or 202 or 204 ? Follow(response) : throw new RequestFailedException(response);
    }

    /// <summary>The operation an accepted answer started (an ArmClient call's included), to poll through this client.</summary>
    public ArmAsyncOperation Follow(Response accepted) => new(this, accepted, ArmOperationLink.Of(accepted));

    /// <summary>An operation started earlier (by another activity), polled once more from its link.</summary>
    /// <exception cref="RequestFailedException">The operation ended Failed or Canceled, or the poll was refused.</exception>
    public async Task<ArmAsyncOperation> PollAsync(ArmOperationLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var operation = new ArmAsyncOperation(this, null, link);
        await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        return operation;
    }

    internal async Task<Response> SendAsync(RequestMethod method, Uri address, BinaryData? body, CancellationToken cancellationToken)
    {
        var request = pipeline.CreateRequest();
        request.Method = method;
        request.Uri.Reset(address);
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        if (body is not null)
        {
            request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
            request.Content = RequestContent.Create(body);
        }

        // The pipeline buffers the answer's content, so the response outlives the request.
        return await pipeline.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Uri Address(string path, string apiVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiVersion);
        return new Uri(endpoint, $"{path}?api-version={Uri.EscapeDataString(apiVersion)}");
    }
}

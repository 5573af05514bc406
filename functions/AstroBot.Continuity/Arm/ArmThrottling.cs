using Azure.Core;
using Azure.Core.Pipeline;

namespace AstroBot.Continuity.Arm;

/// <summary>
/// Retries a request Resource Manager throttled (429) after the <c>Retry-After</c> it sends, waiting on the injected
/// clock, up to the client's <c>Retry.MaxRetries</c> times; then the 429 is the caller's (a rerun resumes). Azure.Core's
/// own retry policy would wait on the machine's clock, which neither a test nor a Durable replay controls, so this
/// policy runs first (per call) and tells it to leave 429s alone; every other transient failure stays Azure.Core's.
/// </summary>
public sealed class ArmThrottling : HttpPipelinePolicy
{
    private readonly TimeProvider time;
    private readonly int maxRetries;
    private readonly TimeSpan fallback;

    private ArmThrottling(TimeProvider time, int maxRetries, TimeSpan fallback)
    {
        this.time = time;
        this.maxRetries = maxRetries;
        this.fallback = fallback;
    }

    /// <summary>Adds the policy to a client's options; a 429 without <c>Retry-After</c> waits the options' <c>Retry.Delay</c>.</summary>
    public static void AddTo(ClientOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.AddPolicy(new ArmThrottling(time, options.Retry.MaxRetries, options.Retry.Delay), HttpPipelinePosition.PerCall);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.ResponseClassifier = new ThrottlingLeftToThisPolicy(message.ResponseClassifier);
        for (var retry = 0; ; retry++)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            if (message.Response.Status != 429 || retry >= maxRetries)
            {
                return;
            }

            await Task.Delay(Wait(message), time, message.CancellationToken).ConfigureAwait(false);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.ResponseClassifier = new ThrottlingLeftToThisPolicy(message.ResponseClassifier);
        for (var retry = 0; ; retry++)
        {
            ProcessNext(message, pipeline);
            if (message.Response.Status != 429 || retry >= maxRetries)
            {
                return;
            }

            Task.Delay(Wait(message), time, message.CancellationToken).GetAwaiter().GetResult();
        }
    }

    /// <summary>The wait the 429 asks for; its body is dropped first, freeing the connection, as Azure.Core's retry does.</summary>
    private TimeSpan Wait(HttpMessage message)
    {
        var wait = ArmRetryAfter.Of(message.Response) ?? fallback;
        message.Response.ContentStream?.Dispose();
        return wait;
    }

    /// <summary>The request's own classification, except that a 429 is not Azure.Core's to retry.</summary>
    private sealed class ThrottlingLeftToThisPolicy(ResponseClassifier inner) : ResponseClassifier
    {
        public override bool IsRetriableResponse(HttpMessage message) => message.Response.Status != 429 && inner.IsRetriableResponse(message);

        public override bool IsRetriableException(Exception exception) => inner.IsRetriableException(exception);

        public override bool IsRetriable(HttpMessage message, Exception exception) => inner.IsRetriable(message, exception);

        public override bool IsErrorResponse(HttpMessage message) => inner.IsErrorResponse(message);
    }
}

using System.Net;

namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>Cosmos DB under load: every n-th feed read is answered 429 with a short retry-after.</summary>
public sealed class ThrottlingHandler(int throttleEvery) : DelegatingHandler
{
    private int reads;
    private int throttled;

    public int Throttled => throttled;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var isFeedRead = request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/docs", StringComparison.Ordinal);
        if (isFeedRead && Interlocked.Increment(ref reads) % throttleEvery == 0)
        {
            Interlocked.Increment(ref throttled);
            var response = new HttpResponseMessage((HttpStatusCode)429) { RequestMessage = request, Content = new StringContent("{\"code\":\"TooManyRequests\",\"message\":\"throttled (injected)\"}") };
            response.Headers.Add("x-ms-retry-after-ms", "20");
            response.Headers.Add("x-ms-substatus", "3200");
            return response;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

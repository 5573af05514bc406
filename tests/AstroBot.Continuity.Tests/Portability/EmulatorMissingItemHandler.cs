using System.Net;
using System.Text;

namespace AstroBot.Continuity.Tests.Portability;

/// <summary>
/// Puts back what Cosmos DB answers a point read of an item that does not exist: 404 NotFound. cosmosdb-server
/// 1.0.1 answers 500 instead ("Cannot read properties of undefined (reading 'wa_id')": its read-document handler
/// looks at the missing document's partition key), so any "read, then create if absent" code fails against it.
/// Only that exact answer to a GET of one document is rewritten; everything else passes through untouched.
/// </summary>
public sealed class EmulatorMissingItemHandler : DelegatingHandler
{
    private const string EmulatorFault = "Cannot read properties of undefined (reading ";

    private int rewritten;

    public int Rewritten => rewritten;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var isPointRead = request.Method == HttpMethod.Get && segments.Length == 6 && segments[4] == "docs";
        if (!isPointRead || response.StatusCode != HttpStatusCode.InternalServerError)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        if (!(await response.Content.ReadAsStringAsync(cancellationToken)).Contains(EmulatorFault, StringComparison.Ordinal))
        {
            return response;
        }

        Interlocked.Increment(ref rewritten);
        var notFound = new HttpResponseMessage(HttpStatusCode.NotFound)
        {
            RequestMessage = request,
            Content = new StringContent("{\"code\":\"NotFound\",\"message\":\"Entity with the specified id does not exist in the system.\"}", Encoding.UTF8, "application/json"),
        };
        foreach (var header in response.Headers)
        {
            notFound.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Dispose();
        return notFound;
    }
}

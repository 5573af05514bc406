using Azure;

namespace AstroBot.Continuity.Arm;

/// <summary>Which header of an accepted request named the URL to poll: they are read differently.</summary>
public enum ArmOperationHeader
{
    /// <summary><c>Azure-AsyncOperation</c>: 200 with <c>{"status": ...}</c> until Succeeded, Failed or Canceled.</summary>
    AzureAsyncOperation,

    /// <summary><c>Location</c>: 202 while in progress, 200 or 204 once done.</summary>
    Location,
}

/// <summary>
/// Where a Resource Manager operation is polled: small enough to be a Durable activity's output and the next one's
/// input, so an orchestration can follow an operation that outlives any one activity.
/// </summary>
public sealed record ArmOperationLink(Uri Url, ArmOperationHeader Header)
{
    /// <summary>
    /// The link of an accepted request, as Resource Manager's asynchronous-operation rules have it: <c>Azure-AsyncOperation</c>
    /// on any 2xx (a PUT answers 200 or 201 with it while the resource provisions), else <c>Location</c> on a 202; null when
    /// the answer is the end of it (200, 201 or 204 without either).
    /// </summary>
    public static ArmOperationLink? Of(Response accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        if (accepted.Headers.TryGetValue("Azure-AsyncOperation", out var status) && Uri.TryCreate(status, UriKind.Absolute, out var statusUrl))
        {
            return new ArmOperationLink(statusUrl, ArmOperationHeader.AzureAsyncOperation);
        }

        return accepted.Status == 202 && accepted.Headers.TryGetValue("Location", out var location) && Uri.TryCreate(location, UriKind.Absolute, out var locationUrl)
            ? new ArmOperationLink(locationUrl, ArmOperationHeader.Location)
            : null;
    }
}

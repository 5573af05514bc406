namespace AstroBot.Continuity.Tests.Backup.Runs;

/// <summary>Cosmos DB that stops answering: once armed, every feed read hangs until its request is cancelled.</summary>
public sealed class HangingFeedHandler : DelegatingHandler
{
    private readonly TaskCompletionSource hanging = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool armed;

    /// <summary>Done once a feed read hangs.</summary>
    public Task Hanging => hanging.Task;

    public void Arm() => armed = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (armed && request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.EndsWith("/docs", StringComparison.Ordinal))
        {
            hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

namespace AstroBot.Continuity.Storage;

/// <summary>
/// Answers whether the region's storage account can be reached: the storage half of <c>/api/health/ready</c>. A region
/// whose queues answer can acknowledge webhooks; the app's shared account is not asked, so an outage of it does not
/// take every region out of the front door's rotation at once (processing waits for it instead).
/// </summary>
public sealed class StorageReadiness(StorageClients clients)
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await clients.RegionQueues.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when ((StorageFailure.Is(exception) || exception is OperationCanceledException)
                                          && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

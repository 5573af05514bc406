namespace AstroBot.Continuity.Storage;

/// <summary>Answers whether the storage account can be reached: the storage half of <c>/api/health/ready</c>.</summary>
public sealed class StorageReadiness(StorageClients clients)
{
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await clients.Queues.GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when ((StorageFailure.Is(exception) || exception is OperationCanceledException)
                                          && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

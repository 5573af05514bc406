using AstroBot.Continuity.Availability.Degradation;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.WhatsApp.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability;

/// <summary>
/// Creates the inbox queue, claim-check container, outage table, bot queue, ledger table and reply outbox table when they
/// are missing, so the webhook's hot path is a single queue write. Start-up waits for the first attempt; if storage is down then,
/// the host starts anyway (graceful degradation: the front door answers 503 and Meta retries) and this keeps
/// trying in the background until it succeeds.
/// </summary>
internal sealed class AvailabilityStorageInitializer(
    WebhookInbox inbox,
    OutageStore outages,
    BotQueue botQueue,
    MessageLedger ledger,
    ReplyOutbox outbox,
    TimeProvider time,
    ILogger<AvailabilityStorageInitializer> logger) : IHostedService, IDisposable
{
    internal static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource stopping = new();
    private Task retries = Task.CompletedTask;

    /// <summary>Completes when every resource exists (at once when the first attempt succeeded).</summary>
    public Task Created => retries;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await TryCreateAsync(attempt: 1, cancellationToken).ConfigureAwait(false))
        {
            retries = RetryUntilCreatedAsync(stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await retries.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => stopping.Dispose();

    private async Task RetryUntilCreatedAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 2; ; attempt++)
        {
            await Task.Delay(RetryInterval, time, cancellationToken).ConfigureAwait(false);
            if (await TryCreateAsync(attempt, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<bool> TryCreateAsync(int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await inbox.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await outages.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false); // the region's, with the inbox
            await botQueue.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await ledger.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            await outbox.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogMessages.StorageNotReadyAtStart(logger, attempt, exception.GetType().Name);
            return false;
        }
    }
}

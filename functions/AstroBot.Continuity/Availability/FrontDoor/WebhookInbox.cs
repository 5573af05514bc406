using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.FrontDoor;

/// <summary>
/// The durable record of accepted webhooks (invariant 1): one message on the inbox queue per webhook, carrying
/// the raw body, or, for a body that does not fit in a queue message, a claim check for a blob holding it.
/// </summary>
public sealed class WebhookInbox
{
    /// <summary>
    /// The largest body sent inline. A queue message holds 64 KiB of text; the message is Base64 of the envelope
    /// JSON, whose body is Base64 again: 35 KiB of body is 47.8 KB of envelope and 63.8 KB of message text.
    /// </summary>
    public const int MaxInlineBodyBytes = 35 * 1024;

    private readonly QueueClient queue;
    private readonly ClaimCheckStore claimChecks;
    private readonly FrontDoorOptions options;
    private readonly TimeProvider time;

    public WebhookInbox(StorageClients storage, ClaimCheckStore claimChecks, IOptions<FrontDoorOptions> options, TimeProvider time)
    {
        this.claimChecks = claimChecks;
        this.options = options.Value;
        this.time = time;
        queue = storage.RegionQueues.GetQueueClient(this.options.InboxQueueName);
    }

    /// <summary>Creates the inbox queue and the claim-check container when missing; called once at start-up.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await claimChecks.EnsureCreatedAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Records the raw webhook body; when this returns, the webhook survives any crash and may be acknowledged.
    /// Gives up after <see cref="FrontDoorOptions.RecordTimeout"/>.
    /// </summary>
    /// <returns>True when the body went through the claim-check container.</returns>
    /// <exception cref="InboxUnavailableException">Storage failed or timed out: answer 5xx so Meta retries.</exception>
    public async Task<bool> RecordAsync(ReadOnlyMemory<byte> body, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(options.RecordTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var receivedAt = time.GetUtcNow();
        try
        {
            if (body.Length <= MaxInlineBodyBytes)
            {
                await SendAsync(WebhookEnvelope.Inline(body, receivedAt), linked.Token).ConfigureAwait(false);
                return false;
            }

            await RecordWithClaimCheckAsync(body, receivedAt, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when ((StorageFailure.Is(ex) || ex is OperationCanceledException) && !ct.IsCancellationRequested)
        {
            throw new InboxUnavailableException("The webhook could not be recorded in the inbox.", ex);
        }
    }

    private async Task RecordWithClaimCheckAsync(ReadOnlyMemory<byte> body, DateTimeOffset receivedAt, CancellationToken ct)
    {
        // The blob first, then the message that points at it: a message never points at a missing blob.
        var blobName = await claimChecks.WriteAsync(body, receivedAt, ct).ConfigureAwait(false);
        try
        {
            await SendAsync(WebhookEnvelope.ClaimCheck(blobName, receivedAt), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.Is(ex) || ex is OperationCanceledException)
        {
            // Not acknowledged, so Meta sends it again: the orphan would only keep personal data around.
            await DeleteOrphanAsync(blobName).ConfigureAwait(false);
            throw;
        }
    }

    private async Task DeleteOrphanAsync(string blobName)
    {
        using var cleanup = new CancellationTokenSource(options.RecordTimeout, time);
        try
        {
            await claimChecks.DeleteAsync(blobName, cleanup.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFailure.Is(ex) || ex is OperationCanceledException)
        {
            // Best effort: the container's lifecycle rule removes what is left.
        }
    }

    // Never to expire (invariant 10): acknowledged to Meta, it waits out any outage.
    private Task SendAsync(WebhookEnvelope envelope, CancellationToken ct) =>
        InfiniteTimeToLive.SendAsync(queue, envelope.ToQueueText(), ct);
}

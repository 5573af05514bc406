using System.Diagnostics;
using System.Globalization;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Portability;
using AstroBot.Continuity.Portability.Links;
using AstroBot.Continuity.Portability.WhatsApp;
using AstroBot.Continuity.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>
/// A user asking for their data through WhatsApp, against the running local host: EXPORT, the host's question,
/// YES, then the document message with the link at the Graph API sink. Everything goes through the host's own
/// path: signed webhooks to its front door, its inbox pump, the <c>export-requests</c> queue and its pump, the
/// export orchestration on its in-memory Durable Task engine, the sink.
/// </summary>
internal sealed class WhatsAppExportDriver(LocalHostTarget host, string waId) : IDisposable
{
    // The sink has no notification; polling it this often makes the observed arrival at most a few ms late.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly WebhookPoster poster = new(maxConcurrency: 1);
    private readonly PortabilityOptions options = host.Services.GetRequiredService<IOptions<PortabilityOptions>>().Value;
    private int wamids;

    private DurableTaskClient Durable => host.Services.GetRequiredService<DurableTaskClient>();

    private ExportRecords Records => host.Services.GetRequiredService<ExportRecords>();

    /// <summary>Asks for an export and times it from the YES; leaves the finished export in place (see <see cref="ForgetExportsAsync"/>).</summary>
    /// <param name="thinkTime">How long after the question the user answers YES.</param>
    public async Task<WhatsAppExportSample> ExportAsync(TimeSpan thinkTime, CancellationToken ct)
    {
        var beforeAsk = LastSequence();
        await SendAsync("EXPORT", ct).ConfigureAwait(false);
        var question = (await WaitForAsync(beforeAsk, messages => messages.FirstOrDefault(), ct).ConfigureAwait(false)).Message;
        if (question.Type != "text" || question.Text?.Contains(PortabilityReplies.Yes, StringComparison.Ordinal) != true)
        {
            throw new InvalidOperationException($"EXPORT was answered with a {question.Type} message, not the question: '{question.Text}'. Did an earlier export's cooldown survive?");
        }

        await Task.Delay(thinkTime, ct).ConfigureAwait(false);
        var sentAt = TimeProvider.System.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        await SendAsync(PortabilityReplies.Yes, ct).ConfigureAwait(false);
        var acknowledged = Stopwatch.GetElapsedTime(started);

        TimeSpan? preparing = null;
        var (_, linked) = await WaitForAsync(
            question.Sequence,
            messages =>
            {
                if (preparing is null && messages.Any(m => m.Text == PortabilityReplies.ExportStarted))
                {
                    preparing = Stopwatch.GetElapsedTime(started);
                }

                if (messages.FirstOrDefault(m => m.Text is PortabilityReplies.ExportFailed or PortabilityReplies.ExportPending) is { } refusal)
                {
                    throw new InvalidOperationException($"The export was not made: '{refusal.Text}'.");
                }

                return messages.FirstOrDefault(m => m.Type == "document");
            },
            ct,
            started).ConfigureAwait(false);

        // The orchestration still sends the link's expiry text after the document: wait for it to finish, so the next
        // EXPORT's question is the next message and the finished instance can be purged.
        var record = ThisSamplesExport(await Records.ListAsync(waId, ct).ConfigureAwait(false), sentAt);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Patience);
        var instance = await Durable.WaitForInstanceCompletionAsync(InstanceId(record), getInputsAndOutputs: false, patience.Token).ConfigureAwait(false);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"The export orchestration ended {instance.RuntimeStatus}.");
        }

        var archive = host.Services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(options.ExportContainerName).GetBlobClient(record.BlobName);
        var properties = await archive.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false);
        return new WhatsAppExportSample(
            acknowledged,
            preparing ?? linked,
            instance.CreatedAt - sentAt,
            linked,
            properties.Value.ContentLength);
    }

    /// <summary>
    /// Removes what the 24 h cooldown looks at (the user's export rows, their finished orchestrations) and the archives,
    /// so the next EXPORT is a first export of the day again and does all of the work. Not timed.
    /// </summary>
    public async Task ForgetExportsAsync(CancellationToken ct)
    {
        var blobs = host.Services.GetRequiredService<ExportBlobs>();
        foreach (var record in await Records.ListAsync(waId, ct).ConfigureAwait(false))
        {
            await Durable.PurgeInstanceAsync(InstanceId(record), cancellation: ct).ConfigureAwait(false);
            if (record.BlobName is { } blobName)
            {
                await blobs.DeleteAsync(blobName, ct).ConfigureAwait(false);
            }

            await Records.DeleteAsync(waId, record.ExportId, ct).ConfigureAwait(false);
        }
    }

    public void Dispose() => poster.Dispose();

    private static ExportRecord ThisSamplesExport(IReadOnlyList<ExportRecord> records, DateTimeOffset sentAt) =>
        records.SingleOrDefault(record => record.State == ExportState.Ready && record.RequestedAt >= sentAt.AddMinutes(-1))
        ?? throw new InvalidOperationException($"Expected one ready export of this sample, found: {string.Join(", ", records.Select(r => $"{r.ExportId} {r.State}"))}.");

    private string InstanceId(ExportRecord record) => new ExportRequest(ExportRequest.CurrentVersion, waId, record.ExportId).InstanceId;

    private long LastSequence() => host.Sink.Messages is { Count: > 0 } messages ? messages[^1].Sequence : 0;

    private async Task SendAsync(string text, CancellationToken ct)
    {
        var wamid = string.Create(CultureInfo.InvariantCulture, $"wamid.bench.export.{waId}.{Interlocked.Increment(ref wamids)}.{Guid.NewGuid():N}");
        var webhook = SignedWebhook.Text(waId, wamid, text, LocalHostTarget.AppSecret, LocalHostTarget.PhoneNumberId, TimeProvider.System.GetUtcNow());
        if (!await poster.PostAsync(host.WebhookUri, webhook, ct).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"The local host did not acknowledge '{text}'.");
        }
    }

    /// <summary>Polls the sink's messages to the user after <paramref name="after"/> until <paramref name="found"/> picks one.</summary>
    private async Task<(SinkMessage Message, TimeSpan Elapsed)> WaitForAsync(
        long after, Func<IReadOnlyList<SinkMessage>, SinkMessage?> found, CancellationToken ct, long? since = null)
    {
        var from = since ?? Stopwatch.GetTimestamp();
        while (true)
        {
            if (found(host.Sink.MessagesTo(waId, after)) is { } message)
            {
                return (message, Stopwatch.GetElapsedTime(from));
            }

            if (Stopwatch.GetElapsedTime(from) > Patience)
            {
                throw new TimeoutException($"No answer from the local host within {Patience.TotalSeconds:N0} s (last messages: {string.Join(" | ", host.Sink.MessagesTo(waId, after).Select(m => m.Type + ": " + m.Text))}).");
            }

            await Task.Delay(Poll, ct).ConfigureAwait(false);
        }
    }
}

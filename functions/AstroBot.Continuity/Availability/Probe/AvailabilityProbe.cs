using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// Every minute, from each region (<see cref="Schedules.AvailabilityProbe"/>): availability measured from the user's
/// side. Sends a text webhook shaped and signed as Meta sends it, from the reserved <see cref="ProbeUser"/>, to the
/// public endpoint (<see cref="IProbeTarget"/>), times the 200, then waits (at most
/// <c>Availability:ProbeHandOverWithin</c> from the send) until an inbox, in whichever region, has processed it
/// (<see cref="ProbeInbox"/> marks the run's row), and completes the run's record (<see cref="ProbeTable"/>). It is
/// up when acknowledged within <c>Availability:ProbeAcknowledgeWithin</c> and handed over (docs/availability.md,
/// "Definition of up"). A run takes at most the longer of the request timeout and the hand-over wait, well inside
/// host.json's <c>functionTimeout</c>. Each completed record is then handed to the <see cref="IProbeRecordObserver"/>s
/// (the incident rule).
/// </summary>
public sealed class AvailabilityProbe(
    IProbeTarget target,
    ProbeTable table,
    ProbeWebhookSender sender,
    IOptions<ProbeOptions> options,
    IEnumerable<IProbeRecordObserver> observers,
    TimeProvider time,
    ILogger<AvailabilityProbe> logger) : IScheduledJob
{
    /// <summary>The named HttpClient the probe sends with (no timeout of its own: the probe's options bound each request).</summary>
    public const string HttpClientName = "AvailabilityProbe";

    /// <summary>The text of the probe's message.</summary>
    public const string ProbeText = ProbeWebhookSender.ProbeText;

    public string Name => "AvailabilityProbe";

    public ScheduleSetting Schedule => Schedules.AvailabilityProbe;

    // A missed minute is a gap in the measurement, not work left undone: the next run measures now.
    public bool CatchUpMissedRun => false;

    public Task RunAsync(CancellationToken cancellationToken) => ProbeAsync(cancellationToken);

    /// <summary>Runs the probe once and records it.</summary>
    /// <returns>The record; null when the probe is off (no public URL known), which is logged.</returns>
    public async Task<ProbeRecord?> ProbeAsync(CancellationToken ct)
    {
        if (target.BaseAddress is not { } baseAddress)
        {
            LogMessages.ProbeOff(logger, ProbeOptions.PublicBaseUrlSetting);
            return null;
        }

        var settings = options.Value;
        var sentAt = time.GetUtcNow();
        var wamid = ProbeWamid.Create(sentAt);
        try
        {
            await table.StartAsync(wamid, sentAt, settings.Region, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            // Without its row no inbox can mark the run: nothing to measure against. The failure is the signal.
            LogMessages.ProbeNotRecorded(logger, wamid, exception);
            throw;
        }

        var started = time.GetTimestamp();
        var acknowledgement = await sender.SendAsync(baseAddress, wamid, sentAt, ct).ConfigureAwait(false);
        var (handOver, waitError) = acknowledgement.Acknowledged
            ? await WaitForHandOverAsync(wamid, sentAt, started, ct).ConfigureAwait(false)
            : (null, null);
        var record = Judge(wamid, sentAt, acknowledgement, handOver, waitError);
        try
        {
            await table.CompleteAsync(record, ct).ConfigureAwait(false);
        }
        catch (Exception exception) when (StorageFailure.Is(exception))
        {
            LogMessages.ProbeNotRecorded(logger, wamid, exception);
            throw;
        }

        LogMessages.ProbeCompleted(
            logger,
            record.Up ? LogLevel.Information : LogLevel.Warning,
            wamid,
            record.Region,
            record.Up,
            record.Acknowledged,
            record.StatusCode,
            record.AcknowledgeMilliseconds,
            record.HandedOver,
            record.HandOverMilliseconds,
            record.ProcessedRegion,
            record.Error);
        foreach (var observer in observers)
        {
            await observer.RecordedAsync(record, ct).ConfigureAwait(false);
        }

        return record;
    }

    /// <summary><c>{base}/api/whatsapp/webhook</c>, keeping a path the base may have.</summary>
    internal static Uri WebhookUrl(Uri baseAddress) => ProbeWebhookSender.WebhookUrl(baseAddress);

    private async Task<(ProbeHandOver? HandOver, string? Error)> WaitForHandOverAsync(
        string wamid, DateTimeOffset sentAt, long started, CancellationToken ct)
    {
        var settings = options.Value;
        string? readError = null;
        while (true)
        {
            try
            {
                if (await table.GetHandOverAsync(wamid, sentAt, ct).ConfigureAwait(false) is { } handOver)
                {
                    return (handOver, null);
                }
            }
            catch (Exception exception) when (StorageFailure.Is(exception) && !ct.IsCancellationRequested)
            {
                // Keep looking: the probe table may answer again before the wait is over.
                readError = $"the probe table could not be read ({exception.GetType().Name})";
            }

            var remaining = settings.ProbeHandOverWithin - time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return (null, readError);
            }

            await Task.Delay(remaining < settings.ProbePollInterval ? remaining : settings.ProbePollInterval, time, ct).ConfigureAwait(false);
        }
    }

    private ProbeRecord Judge(string wamid, DateTimeOffset sentAt, ProbeAcknowledgement acknowledgement, ProbeHandOver? handOver, string? waitError)
    {
        var settings = options.Value;
        var acknowledgeMs = (long)acknowledgement.Elapsed.TotalMilliseconds;
        long? handOverMs = handOver is null ? null : Math.Max(0, (long)(handOver.At - sentAt).TotalMilliseconds);
        var acknowledgedInTime = acknowledgement.Acknowledged && acknowledgement.Elapsed <= settings.ProbeAcknowledgeWithin;
        var up = acknowledgedInTime && handOver is not null;
        var errors = new List<string>(3);
        if (acknowledgement.Error is { } sendError)
        {
            errors.Add(sendError);
        }
        else if (!acknowledgedInTime)
        {
            errors.Add($"acknowledged after {acknowledgeMs} ms, over the {Seconds(settings.ProbeAcknowledgeWithin)} of the definition of up");
        }

        if (acknowledgement.Acknowledged && handOver is null)
        {
            errors.Add($"not handed over within {Seconds(settings.ProbeHandOverWithin)} of the send");
            if (waitError is not null)
            {
                errors.Add(waitError);
            }
        }

        return new ProbeRecord(
            wamid,
            sentAt,
            settings.Region,
            Completed: true,
            acknowledgement.Acknowledged,
            acknowledgement.StatusCode,
            acknowledgeMs,
            HandedOver: handOver is not null,
            handOverMs,
            handOver?.Region,
            up,
            errors.Count == 0 ? null : string.Join("; ", errors));
    }

    private static string Seconds(TimeSpan span) => ProbeWebhookSender.Seconds(span);
}

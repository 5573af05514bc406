using AstroBot.Continuity.Availability.Probe;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Status;

/// <summary>
/// The probe records as the status page shows them: 90 days of daily uptime (<see cref="UptimeCalculator"/>) and the
/// newest completed record, computed from one read of 91 day partitions at most once per
/// <c>Status:UptimeCacheDuration</c> per process, whoever asks (<see cref="SharedRefresh{T}"/>).
/// </summary>
public sealed class UptimeSource(ProbeRecordReader records, IOptions<StatusOptions> options, TimeProvider time)
{
    private readonly SharedRefresh<ProbeView> refresh = new(options.Value.UptimeCacheDuration, time);

    /// <summary>The view, as computed at most <c>Status:UptimeCacheDuration</c> ago.</summary>
    public Task<ProbeView> ReadAsync(CancellationToken ct) => refresh.GetAsync(ComputeAsync, ct);

    private async Task<ProbeView> ComputeAsync()
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var from = new DateTimeOffset(today.AddDays(1 - StatusOptions.UptimeDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var read = await records.ReadAsync(from, now + TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(false);
        return new ProbeView(UptimeCalculator.Compute(read, today, StatusOptions.UptimeDays), read.LastOrDefault(record => record.Completed));
    }
}

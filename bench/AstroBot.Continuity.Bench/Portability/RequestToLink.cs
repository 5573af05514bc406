using System.Globalization;
using System.Security.Cryptography;
using AstroBot.Continuity.Bench.Load;
using AstroBot.Continuity.Bench.Scenarios;
using AstroBot.Continuity.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Bench.Portability;

/// <summary>Every timed export through WhatsApp and every bare sample, in the order they ran (one of each, in turn).</summary>
internal sealed record RequestToLinkResult(LinkUser User, IReadOnlyList<WhatsAppExportSample> Samples, IReadOnlyList<TimeSpan> BareSamples)
{
    public LatencySummary Linked { get; } = LatencySummary.FromDurations(Samples.Select(sample => sample.Linked));

    public LatencySummary Bare { get; } = LatencySummary.FromDurations(BareSamples);

    public LatencySummary Acknowledged { get; } = LatencySummary.FromDurations(Samples.Select(sample => sample.Acknowledged));

    public LatencySummary Started { get; } = LatencySummary.FromDurations(Samples.Select(sample => sample.Started));

    public LatencySummary Scheduled { get; } = LatencySummary.FromDurations(Samples.Select(sample => sample.Scheduled));

    /// <summary>From the orchestration's creation to the link: the export's own work, without the queues' waits.</summary>
    public LatencySummary Orchestration { get; } = LatencySummary.FromDurations(Samples.Select(sample => sample.Linked - sample.Scheduled));

    public long ArchiveBytes => Samples.Count > 0 ? (long)Samples.Average(sample => sample.ArchiveBytes) : 0;
}

/// <summary>
/// Request to link: the real local host (<c>continuity serve</c>, inbox workers, export request pump and Durable Task
/// engine running, no scheduler) exports one user with five years of daily readings through WhatsApp, again and again; each sample
/// is followed by its bare limit (<see cref="BareLinkExport"/>) so the machine's noise hits both alike.
/// </summary>
internal static class RequestToLink
{
    public static async Task<RequestToLinkResult> RunAsync(PortabilityBenchSettings settings, string runId, TextWriter progress, CancellationToken ct)
    {
        var names = new BenchNames(runId);
        await using var host = await LocalHostTarget.StartAsync(names, ct, keepInboxWorkers: true, exports: true).ConfigureAwait(false);
        var storage = host.Services.GetRequiredService<StorageClients>();
        try
        {
            // Into the host's own database (it made it on start), while the host idles.
            var user = await LinkUser.SeedAsync(names.CosmosDatabase, settings, ct).ConfigureAwait(false);
            progress.WriteLine(F($"link: user {user.WaId} seeded: {user.Seeded.TotalItems:N0} items ({user.Readings:N0} readings, {user.Seeded.ItemsPerContainer["messages"]:N0} messages) in {user.Seeded.Elapsed.TotalSeconds:F1} s"));
            var scratch = storage.Blobs.GetBlobContainerClient(names.BareExportContainer);
            await scratch.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
            var cosmos = host.Services.GetRequiredService<CosmosClient>();
            using var driver = new WhatsAppExportDriver(host, user.WaId);
            var samples = new List<WhatsAppExportSample>();
            var bareSamples = new List<TimeSpan>();
            var random = new Random(settings.Seed);
            for (var i = 0; i < settings.LinkWarmUps + settings.LinkSamples; i++)
            {
                Collect();
                var sample = await driver.ExportAsync(settings.ThinkTime(random), ct).ConfigureAwait(false);
                await driver.ForgetExportsAsync(ct).ConfigureAwait(false);

                var archiveSized = new BinaryData(RandomNumberGenerator.GetBytes(checked((int)sample.ArchiveBytes)));
                Collect();
                var bare = await BareLinkExport.RunAsync(cosmos, names.CosmosDatabase, user.WaId, scratch, F($"bare/{i:D4}.zip"), archiveSized, ct).ConfigureAwait(false);

                var warmUp = i < settings.LinkWarmUps;
                if (!warmUp)
                {
                    samples.Add(sample);
                    bareSamples.Add(bare);
                }

                progress.WriteLine(F(
                    $"link: {(warmUp ? "warm-up" : $"sample {i - settings.LinkWarmUps + 1}")}: linked {sample.Linked.TotalMilliseconds:F0} ms (acknowledged {sample.Acknowledged.TotalMilliseconds:F0}, preparing {sample.Started.TotalMilliseconds:F0}, scheduled {sample.Scheduled.TotalMilliseconds:F0}), archive {sample.ArchiveBytes:N0} bytes; bare {bare.TotalMilliseconds:F0} ms"));
            }

            return new RequestToLinkResult(user, samples, bareSamples);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await host.DeleteResourcesAsync(names, CancellationToken.None).ConfigureAwait(false);
            await storage.Blobs.GetBlobContainerClient(names.BareExportContainer).DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Each measurement starts from a clean heap, so one's garbage is not collected on another's clock.</summary>
    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

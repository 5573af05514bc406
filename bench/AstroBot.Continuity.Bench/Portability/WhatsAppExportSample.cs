namespace AstroBot.Continuity.Bench.Portability;

/// <summary>
/// One export through WhatsApp, timed from outside the host from the moment the confirming YES was sent. Only
/// <paramref name="Linked"/> is the figure; the others show where the time went.
/// </summary>
/// <param name="Acknowledged">The YES's webhook answered 200 (the front door recorded it in the inbox queue).</param>
/// <param name="Started">The "being prepared" reply reached the sink: the inbox pump took the YES and queued the export request.</param>
/// <param name="Scheduled">The export orchestration was created: the export request pump took the request (the Durable Task engine's creation time).</param>
/// <param name="Linked">The document message with the link reached the sink: the request to the link being sent.</param>
/// <param name="ArchiveBytes">The size of the archive the export stored.</param>
internal sealed record WhatsAppExportSample(TimeSpan Acknowledged, TimeSpan Started, TimeSpan Scheduled, TimeSpan Linked, long ArchiveBytes);

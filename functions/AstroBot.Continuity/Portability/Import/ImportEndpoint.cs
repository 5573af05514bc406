using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Portability.Import;

/// <summary>
/// <c>POST /api/portability/import</c>: the operators' import of one export archive (the body, <c>application/zip</c>),
/// with the options of <c>continuity import</c> in the query (<see cref="ImportQuery"/>). 200 with what was (or, in a
/// dry run, would be) written; 400 a bad query; 413 a body over <see cref="MaxArchiveBytes"/>; 415 another content
/// type; 422 an archive refused by its checks, with the reason (nothing of it written). A function key guards it in
/// Azure (docs/portability.md says how to put Entra ID in front); the local host serves it on loopback only.
/// </summary>
public sealed class ImportEndpoint(UserImporter importer, ILogger<ImportEndpoint> logger)
{
    /// <summary>The largest archive accepted: the Functions host's own request limit (100 MB).</summary>
    public const int MaxArchiveBytes = 100 * 1024 * 1024;

    private static readonly string[] ZipContentTypes = ["application/zip", "application/x-zip-compressed", "application/octet-stream"];

    public async Task<IResult> PostAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (importRequest, queryError) = ImportQuery.Parse(request.Query);
        if (importRequest is null)
        {
            return Error(StatusCodes.Status400BadRequest, queryError!);
        }

        if (!ZipContentTypes.Contains(request.ContentType?.Split(';')[0].Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, "Send the export archive as the body, with Content-Type: application/zip.");
        }

        ReadOnlyMemory<byte>? body;
        try
        {
            body = await RequestBodyReader.ReadAsync(request, MaxArchiveBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own verdict on a broken body (truncated, over its limit, ...).
            return Error(exception.StatusCode, "The request body could not be read whole.");
        }

        if (body is not { } archiveBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"The archive is larger than {MaxArchiveBytes / (1024 * 1024)} MB; import it with continuity import instead.");
        }

        try
        {
            using var zip = new MemoryStream(archiveBytes.ToArray(), writable: false);
            var archive = ImportArchiveReader.Read(zip, ArchiveLimits.Default);
            var report = await importer.ImportAsync(archive, importRequest, cancellationToken).ConfigureAwait(false);
            LogMessages.AdminImportDone(logger, report.DryRun, report.Changes.Count, report.Created, report.Overwritten);
            var containers = ImportCounts.PerContainer(report.Changes);
            return Results.Json(
                new
                {
                    wa_id = report.WaId,
                    source_wa_id = archive.WaId,
                    dry_run = report.DryRun,
                    on_conflict = importRequest.OnConflict,
                    containers,
                    total = ImportCounts.Total(containers.Values),
                    audit_records = report.AuditRecords,
                    identifiers_linked = report.IdentifiersLinked,
                    identifiers_held_elsewhere = report.IdentifiersHeldElsewhere,
                    changes = report.Changes,
                },
                ApiJson.Options);
        }
        catch (ImportRefusedException exception)
        {
            // The reason may name the user: it goes to the caller, never to the log.
            LogMessages.AdminImportRefused(logger);
            return Error(StatusCodes.Status422UnprocessableEntity, $"Import refused: {exception.Message} Nothing was written.");
        }
    }

    private static IResult Error(int status, string message) => ApiJson.Error(status, message);
}

using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// One archive file through the core: read and checked completely (<see cref="ImportArchiveReader"/>, the default
/// <see cref="ArchiveLimits"/>) before anything of it is written, then imported.
/// </summary>
internal static class ArchiveImport
{
    /// <summary>Reads and checks the archive at <paramref name="path"/>; needs no database.</summary>
    /// <exception cref="ImportRefusedException">The archive will not be imported (a file that cannot be read included); the message says why.</exception>
    public static ImportArchive Read(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return ImportArchiveReader.Read(file, ArchiveLimits.Default);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ImportRefusedException($"The file cannot be read: {exception.Message}", exception);
        }
    }

    /// <summary>Reads, checks and imports one archive; a refusal comes back as its message, nothing of the archive written.</summary>
    public static async Task<ArchiveImportOutcome> RunAsync(UserImporter importer, string path, ImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(importer);
        try
        {
            var archive = Read(path);
            return new ArchiveImportOutcome(archive.WaId, await importer.ImportAsync(archive, request, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ImportRefusedException exception)
        {
            return new ArchiveImportOutcome(null, null, exception.Message);
        }
    }
}

/// <summary>An imported archive (whose data it held, and the report) or a refused one (why).</summary>
internal sealed record ArchiveImportOutcome(string? SourceWaId, ImportReport? Report, string? Refusal);

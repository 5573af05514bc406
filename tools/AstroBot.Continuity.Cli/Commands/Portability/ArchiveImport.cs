using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>
/// One archive file read and checked completely (<see cref="ImportArchiveReader"/>, the default
/// <see cref="ArchiveLimits"/>) before anything of it is written.
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
}

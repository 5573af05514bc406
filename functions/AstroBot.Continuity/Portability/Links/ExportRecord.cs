using System.Globalization;

namespace AstroBot.Continuity.Portability.Links;

/// <summary>Where an export stands.</summary>
public enum ExportState
{
    /// <summary>Confirmed by the user; the archive is being built.</summary>
    Requested = 0,

    /// <summary>The archive is in the exports container and its link can be made until it expires.</summary>
    Ready = 1,

    /// <summary>It could not be built; it does not count against the cooldown.</summary>
    Failed = 2,
}

/// <summary>
/// One export of one user (a row of <see cref="PortabilityOptions.ExportTableName"/>, keyed by the user's reference
/// and <see cref="ExportId"/>). Holds no link: links are made on demand and never stored.
/// </summary>
/// <param name="ExportId">The UTC day it was requested, <c>yyyyMMdd</c>: at most one export per user and day.</param>
/// <param name="State">Where it stands.</param>
/// <param name="RequestedAt">When the user confirmed it.</param>
/// <param name="BlobName">The blob in the exports container; set before the upload, so erasure always finds it.</param>
/// <param name="CreatedAt">When the archive was generated.</param>
/// <param name="ExpiresAt">When its links stop working.</param>
public sealed record ExportRecord(
    string ExportId,
    ExportState State,
    DateTimeOffset RequestedAt,
    string? BlobName,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt)
{
    /// <summary>The export id of a request made at <paramref name="requestedAt"/>: its UTC day.</summary>
    public static string IdFor(DateTimeOffset requestedAt) =>
        requestedAt.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>True when a link to it can still be made at <paramref name="now"/>.</summary>
    public bool IsDownloadable(DateTimeOffset now) =>
        State == ExportState.Ready && BlobName is not null && ExpiresAt is { } expires && expires > now;
}

using AstroBot.Continuity.Availability.Inbox;
using Azure;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>
/// What a user was asked to confirm (one question per user at a time; a new command replaces it).
/// </summary>
/// <param name="Command">EXPORT or DELETE MY DATA.</param>
/// <param name="AskedBy">The wamid of the command message.</param>
/// <param name="AskedAt">When the question was asked.</param>
/// <param name="ExpiresAt">When an answer stops counting.</param>
/// <param name="ConfirmedBy">The wamid of the YES, once answered; a redelivered YES finds itself here.</param>
/// <param name="ExportId">For a confirmed export: the export it started.</param>
/// <param name="ETag">The row's version, for conditional writes.</param>
public sealed record PendingConfirmation(
    ContinuityCommand Command,
    string AskedBy,
    DateTimeOffset AskedAt,
    DateTimeOffset ExpiresAt,
    string? ConfirmedBy,
    string? ExportId,
    ETag ETag);

using System.Globalization;

namespace AstroBot.Continuity.Portability.WhatsApp;

/// <summary>What the backend tells a user about their exports and erasure. Never a link: links go in document messages.</summary>
public static class PortabilityReplies
{
    /// <summary>The answer that confirms.</summary>
    public const string Yes = "YES";

    public const string ExportCancelled = "Export cancelled: nothing was exported.";

    public const string DeleteCancelled = "Deletion cancelled: nothing was deleted.";

    public const string ExportStarted = "Thanks! Your export is being prepared; the link will arrive here shortly.";

    public const string ExportPending = "Your export is being prepared; the link will arrive here shortly. You can ask for one export every 24 hours.";

    public const string ExportCaption = "Your AstroBot data: data.json, one CSV per collection and a readable index.html.";

    public const string ExportFailed = "Sorry, your export could not be prepared. Send EXPORT to try again.";

    public const string DataDeleted =
        "Your AstroBot data has been deleted: your account, profile, readings, messages, preferences and exports are gone, " +
        "and our backups can no longer be read for you. If you write again, AstroBot starts afresh.";

    /// <summary>The question asked after EXPORT.</summary>
    public static string AskExport(TimeSpan window) =>
        $"You asked for a copy of your AstroBot data. Reply {Yes} within {Minutes(window)} to get a download link here; any other reply cancels.";

    /// <summary>The question asked after DELETE MY DATA.</summary>
    public static string AskDelete(TimeSpan window) =>
        "You asked to delete your AstroBot data: your account, profile, readings, messages and preferences will be erased for good, " +
        $"and our backups can no longer be read for you. Reply {Yes} within {Minutes(window)} to delete it; any other reply cancels.";

    /// <summary>The text sent with an export link.</summary>
    public static string LinkExpiry(DateTimeOffset expiresAt) =>
        $"The link works until {Format(expiresAt)} and only for you: please don't forward it. Send EXPORT before then to get it again.";

    /// <summary>The answer to EXPORT when the latest export's link has expired but a new one is not allowed yet.</summary>
    public static string LinkExpired(DateTimeOffset nextExportAt) =>
        $"The link to your latest export has expired. You can ask for a new export after {Format(nextExportAt)}.";

    private static string Minutes(TimeSpan window)
    {
        var minutes = (int)Math.Ceiling(window.TotalMinutes);
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    private static string Format(DateTimeOffset at) =>
        at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

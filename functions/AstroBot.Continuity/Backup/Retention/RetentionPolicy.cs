using System.Globalization;
using AstroBot.Continuity.Backup.Catalog;

namespace AstroBot.Continuity.Backup.Retention;

/// <summary>
/// Grandfather-father-son retention over the catalog, without I/O. Among usable full backups it keeps the newest of
/// each of the last <see cref="BackupOptions.KeepDaily"/> UTC days, <see cref="BackupOptions.KeepWeekly"/> ISO weeks and
/// <see cref="BackupOptions.KeepMonthly"/> calendar months, plus the newest verified full and the newest usable full
/// whatever their age. Incrementals live while their base lives; failed runs go; running and pruned entries are left alone.
/// </summary>
/// <remarks>
/// Windows are calendar periods counted back from <c>now</c>'s period, which counts as the first: days, weeks and
/// months without a backup still use up the window. So "7 daily" means the last 7 days, never a week-old gap filled
/// with older backups, and personal data does not outlive the documented horizon; the newest-usable rule covers backups
/// that stopped altogether.
/// </remarks>
public static class RetentionPolicy
{
    public const string NewestVerifiedFull = "newest verified full";
    public const string NewestUsableFull = "newest usable full";
    public const string BaseKept = "base of incremental kept";
    public const string BaseNotKept = "base of incremental not kept";
    public const string DatedAfterNow = "dated after now (clock moved back)";
    public const string OutsideRetention = "outside retention";
    public const string FailedRun = "failed run";

    public static RetentionPlan Plan(IReadOnlyList<BackupCatalogEntry> entries, DateTimeOffset now, BackupOptions options)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(options);
        var fullReasons = KeepReasonsOfFulls(entries, now, options);
        var keep = new List<RetentionDecision>();
        var prune = new List<RetentionDecision>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        // Fulls first, so every incremental finds its base decided.
        foreach (var entry in entries
                     .Where(entry => entry.State is not (BackupState.Running or BackupState.Pruned))
                     .OrderBy(entry => entry.Kind)
                     .ThenBy(entry => entry.BackupId, StringComparer.Ordinal))
        {
            var keepReason = entry switch
            {
                // A clock that moved back cannot date anything; keep it until the clock catches up.
                _ when entry.StartedAt > now => DatedAfterNow,
                { State: BackupState.Failed } => null,
                { Kind: BackupKind.Full } => fullReasons.GetValueOrDefault(entry.BackupId),
                _ => entry.BaseBackupId is { } baseId && kept.Contains(baseId) ? BaseKept : null,
            };
            if (keepReason is not null)
            {
                kept.Add(entry.BackupId);
                keep.Add(new RetentionDecision(entry, keepReason));
            }
            else
            {
                var pruneReason = entry.State == BackupState.Failed ? FailedRun
                    : entry.Kind == BackupKind.Full ? OutsideRetention
                    : BaseNotKept;
                prune.Add(new RetentionDecision(entry, pruneReason));
            }
        }

        return new RetentionPlan(OldestFirst(keep), OldestFirst(prune));
    }

    private static Dictionary<string, string> KeepReasonsOfFulls(IReadOnlyList<BackupCatalogEntry> entries, DateTimeOffset now, BackupOptions options)
    {
        var fulls = entries.Where(entry => entry.Kind == BackupKind.Full && entry.IsUsable && entry.StartedAt <= now).ToList();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var reasons = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        KeepNewestPerPeriod(fulls, reasons, options.KeepDaily, day => today.DayNumber - day.DayNumber,
            day => "daily " + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        KeepNewestPerPeriod(fulls, reasons, options.KeepWeekly, day => (Monday(today).DayNumber - Monday(day).DayNumber) / 7,
            day => string.Create(CultureInfo.InvariantCulture, $"weekly {ISOWeek.GetYear(At(day))}-W{ISOWeek.GetWeekOfYear(At(day)):D2}"));
        KeepNewestPerPeriod(fulls, reasons, options.KeepMonthly, day => (today.Year * 12) + today.Month - ((day.Year * 12) + day.Month),
            day => "monthly " + day.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        // Never leave zero restorable backups, nor zero proven ones, however long backups have been failing.
        AddReason(reasons, Newest(fulls.Where(entry => entry.State == BackupState.Verified)), NewestVerifiedFull);
        AddReason(reasons, Newest(fulls), NewestUsableFull);
        return reasons.ToDictionary(pair => pair.Key, pair => string.Join(", ", pair.Value), StringComparer.Ordinal);
    }

    /// <param name="periodsBack">How many periods before now's period a day falls: 0 is now's own period.</param>
    private static void KeepNewestPerPeriod(
        List<BackupCatalogEntry> fulls, Dictionary<string, List<string>> reasons, int count, Func<DateOnly, int> periodsBack, Func<DateOnly, string> label)
    {
        foreach (var period in fulls.GroupBy(entry => periodsBack(Day(entry))).Where(period => period.Key < count))
        {
            var newest = Newest(period)!;
            AddReason(reasons, newest, label(Day(newest)));
        }
    }

    private static void AddReason(Dictionary<string, List<string>> reasons, BackupCatalogEntry? entry, string reason)
    {
        if (entry is null)
        {
            return;
        }

        if (!reasons.TryGetValue(entry.BackupId, out var list))
        {
            reasons[entry.BackupId] = list = [];
        }

        list.Add(reason);
    }

    private static BackupCatalogEntry? Newest(IEnumerable<BackupCatalogEntry> entries) =>
        entries.OrderBy(entry => entry.StartedAt).ThenBy(entry => entry.BackupId, StringComparer.Ordinal).LastOrDefault();

    private static DateOnly Day(BackupCatalogEntry entry) => DateOnly.FromDateTime(entry.StartedAt.UtcDateTime);

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateTime At(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    private static List<RetentionDecision> OldestFirst(List<RetentionDecision> decisions) =>
        [.. decisions.OrderBy(decision => decision.Entry.BackupId, StringComparer.Ordinal)];
}

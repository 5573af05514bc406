using System.Globalization;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;
using AstroBot.Continuity.Backup.Retention;
using static AstroBot.Continuity.Tests.Backup.Retention.TestBackups;

namespace AstroBot.Continuity.Tests.Backup.Retention;

public sealed class RetentionPolicyTests
{
    /// <summary>A Friday, in ISO week 2026-W48 (Monday 23 November to Sunday 29 November).</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly BackupOptions DailyOnly = new() { KeepDaily = 1, KeepWeekly = 0, KeepMonthly = 0 };

    [Fact]
    public void Plan_YearOfDailyFulls_KeepsSevenDailyFourWeeklyAndTwelveMonthly()
    {
        var entries = DailyFulls(from: new DateOnly(2025, 11, 28), to: new DateOnly(2026, 11, 27));

        var sut = RetentionPolicy.Plan(entries, Now, new BackupOptions());

        DateOnly[] expected =
        [
            new(2025, 12, 31), new(2026, 1, 31), new(2026, 2, 28), new(2026, 3, 31), new(2026, 4, 30), new(2026, 5, 31),
            new(2026, 6, 30), new(2026, 7, 31), new(2026, 8, 31), new(2026, 9, 30), new(2026, 10, 31),
            new(2026, 11, 8), new(2026, 11, 15),
            new(2026, 11, 21), new(2026, 11, 22), new(2026, 11, 23), new(2026, 11, 24), new(2026, 11, 25), new(2026, 11, 26), new(2026, 11, 27),
        ];
        Assert.Equal(expected, sut.Keep.Select(decision => Day(decision.Entry)));
        Assert.Equal(365 - expected.Length, sut.Prune.Count);
        Assert.All(sut.Prune, decision => Assert.Equal(RetentionPolicy.OutsideRetention, decision.Reason));
    }

    [Theory]
    [InlineData("2026-11-27", "daily 2026-11-27, weekly 2026-W48, monthly 2026-11, newest usable full")]
    [InlineData("2026-11-22", "daily 2026-11-22, weekly 2026-W47")]
    [InlineData("2026-11-21", "daily 2026-11-21")]
    [InlineData("2026-11-15", "weekly 2026-W46")]
    [InlineData("2026-10-31", "monthly 2026-10")]
    [InlineData("2025-12-31", "monthly 2025-12")]
    public void Plan_YearOfDailyFulls_SaysWhyEachIsKept(string day, string reason)
    {
        var entries = DailyFulls(from: new DateOnly(2025, 11, 28), to: new DateOnly(2026, 11, 27));

        var sut = RetentionPolicy.Plan(entries, Now, new BackupOptions());

        Assert.Equal(reason, sut.Keep.Single(decision => Day(decision.Entry) == DateOnly.Parse(day, CultureInfo.InvariantCulture)).Reason);
    }

    [Fact]
    public void Plan_VerifiedFullOutsideEveryWindow_KeepsItAsNewestVerifiedFull()
    {
        var olderVerified = Full(Now.AddDays(-401), BackupState.Verified);
        var verified = Full(Now.AddDays(-400), BackupState.Verified);
        var yesterday = Full(Now.AddDays(-1));
        var today = Full(Now.AddHours(-10));

        var sut = RetentionPolicy.Plan([olderVerified, verified, yesterday, today], Now, new BackupOptions());

        Assert.Equal(
            [(verified.BackupId, RetentionPolicy.NewestVerifiedFull), (yesterday.BackupId, "daily 2026-11-26"), (today.BackupId, "daily 2026-11-27, weekly 2026-W48, monthly 2026-11, newest usable full")],
            Decisions(sut.Keep));
        Assert.Equal([(olderVerified.BackupId, RetentionPolicy.OutsideRetention)], Decisions(sut.Prune));
    }

    [Fact]
    public void Plan_NothingVerifiedAndNothingInAnyWindow_KeepsTheNewestUsableFull()
    {
        var older = Full(Now.AddDays(-600));
        var newest = Full(Now.AddDays(-500));
        var failed = Full(Now.AddHours(-1), BackupState.Failed);

        var sut = RetentionPolicy.Plan([older, newest, failed], Now, new BackupOptions());

        Assert.Equal([(newest.BackupId, RetentionPolicy.NewestUsableFull)], Decisions(sut.Keep));
        Assert.Equal([(older.BackupId, RetentionPolicy.OutsideRetention), (failed.BackupId, RetentionPolicy.FailedRun)], Decisions(sut.Prune));
    }

    [Fact]
    public void Plan_Incrementals_FollowTheirBase()
    {
        var oldFull = Full(Now.AddDays(-3));
        var oldIncremental = Incremental(oldFull, Now.AddDays(-3).AddHours(1));
        var oldVerifiedIncremental = Incremental(oldFull, Now.AddDays(-3).AddHours(2), BackupState.Verified);
        var prunedFull = Full(Now.AddDays(-10), BackupState.Pruned);
        var orphan = Incremental(prunedFull, Now.AddDays(-10).AddHours(1));
        var newFull = Full(Now.AddHours(-2));
        var newIncremental = Incremental(newFull, Now.AddHours(-1));

        var sut = RetentionPolicy.Plan([prunedFull, orphan, oldFull, oldIncremental, oldVerifiedIncremental, newFull, newIncremental], Now, DailyOnly);

        Assert.Equal(
            [(newFull.BackupId, "daily 2026-11-27, newest usable full"), (newIncremental.BackupId, RetentionPolicy.BaseKept)],
            Decisions(sut.Keep));
        Assert.Equal(
            [
                (orphan.BackupId, RetentionPolicy.BaseNotKept), (oldFull.BackupId, RetentionPolicy.OutsideRetention),
                (oldIncremental.BackupId, RetentionPolicy.BaseNotKept), (oldVerifiedIncremental.BackupId, RetentionPolicy.BaseNotKept),
            ],
            Decisions(sut.Prune));
    }

    [Fact]
    public void Plan_FailedRuns_PrunedHoweverRecent()
    {
        var full = Full(Now.AddHours(-3));
        var failedFull = Full(Now.AddHours(-2), BackupState.Failed);
        var failedIncremental = Incremental(full, Now.AddHours(-1), BackupState.Failed);

        var sut = RetentionPolicy.Plan([full, failedFull, failedIncremental], Now, new BackupOptions());

        Assert.Equal([full.BackupId], sut.Keep.Select(decision => decision.Entry.BackupId));
        Assert.Equal([(failedFull.BackupId, RetentionPolicy.FailedRun), (failedIncremental.BackupId, RetentionPolicy.FailedRun)], Decisions(sut.Prune));
    }

    [Fact]
    public void Plan_RunningAndPrunedEntries_AreInNeitherList()
    {
        var pruned = Full(Now.AddDays(-30), BackupState.Pruned);
        var full = Full(Now.AddHours(-3));
        var runningOld = Full(Now.AddDays(-40), BackupState.Running);
        var runningIncremental = Incremental(pruned, Now.AddMinutes(-5), BackupState.Running);

        var sut = RetentionPolicy.Plan([runningOld, pruned, full, runningIncremental], Now, DailyOnly);

        Assert.Equal([full.BackupId], sut.Keep.Select(decision => decision.Entry.BackupId));
        Assert.Empty(sut.Prune);
    }

    [Fact]
    public void Plan_EntriesDatedAfterNow_KeptWhileTheNewestUpToNowStillCounts()
    {
        var old = Full(Now.AddDays(-100));
        var older = Full(Now.AddDays(-101));
        var ahead = Full(Now.AddDays(1));
        var aheadIncremental = Incremental(older, Now.AddDays(2));
        var aheadFailed = Full(Now.AddDays(3), BackupState.Failed);

        var sut = RetentionPolicy.Plan([older, old, ahead, aheadIncremental, aheadFailed], Now, DailyOnly);

        Assert.Equal(
            [
                (old.BackupId, RetentionPolicy.NewestUsableFull), (ahead.BackupId, RetentionPolicy.DatedAfterNow),
                (aheadIncremental.BackupId, RetentionPolicy.DatedAfterNow), (aheadFailed.BackupId, RetentionPolicy.DatedAfterNow),
            ],
            Decisions(sut.Keep));
        Assert.Equal([(older.BackupId, RetentionPolicy.OutsideRetention)], Decisions(sut.Prune));
    }

    [Fact]
    public void Plan_KeepWeeklyAndMonthlyZero_KeepsTheDailyWindowOnly()
    {
        var entries = DailyFulls(from: new DateOnly(2026, 9, 1), to: new DateOnly(2026, 11, 27));

        var sut = RetentionPolicy.Plan(entries, Now, new BackupOptions { KeepDaily = 7, KeepWeekly = 0, KeepMonthly = 0 });

        Assert.Equal(Enumerable.Range(21, 7).Select(day => new DateOnly(2026, 11, day)), sut.Keep.Select(decision => Day(decision.Entry)));
    }

    [Fact]
    public void Plan_KeepMonthlyZero_KeepsDailyAndWeeklyOnly()
    {
        var entries = DailyFulls(from: new DateOnly(2026, 9, 1), to: new DateOnly(2026, 11, 27));

        var sut = RetentionPolicy.Plan(entries, Now, new BackupOptions { KeepDaily = 2, KeepWeekly = 3, KeepMonthly = 0 });

        Assert.Equal(
            [new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 27)],
            sut.Keep.Select(decision => Day(decision.Entry)));
    }

    [Fact]
    public void Plan_DaysWithoutBackups_StillCountInTheDailyWindow()
    {
        // Backups stopped five days ago: the 7-day window reaches back to 21 November, not to seven backups.
        var entries = DailyFulls(from: new DateOnly(2026, 11, 17), to: new DateOnly(2026, 11, 22));

        var sut = RetentionPolicy.Plan(entries, Now, new BackupOptions { KeepDaily = 7, KeepWeekly = 0, KeepMonthly = 0 });

        Assert.Equal([new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 22)], sut.Keep.Select(decision => Day(decision.Entry)));
        Assert.Equal(4, sut.Prune.Count);
    }

    [Fact]
    public void Plan_TwoFullsOnOneDay_KeepsTheNewestOfTheDay()
    {
        var early = Full(Now.AddHours(-10));
        var late = Full(Now.AddHours(-2));

        var sut = RetentionPolicy.Plan([early, late], Now, DailyOnly);

        Assert.Equal([late.BackupId], sut.Keep.Select(decision => decision.Entry.BackupId));
        Assert.Equal([early.BackupId], sut.Prune.Select(decision => decision.Entry.BackupId));
    }

    [Fact]
    public void Plan_StartTimesWithAnOffset_GroupedByUtcDay()
    {
        // 00:10 on the 27th at UTC+2 is 22:10 on the 26th UTC, older than 23:00 UTC the same day.
        var offsetLocal = Full(new DateTimeOffset(2026, 11, 27, 0, 10, 0, TimeSpan.FromHours(2)));
        var lateUtc = Full(new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero));
        var today = Full(Now.AddHours(-10));

        var sut = RetentionPolicy.Plan([offsetLocal, lateUtc, today], Now, new BackupOptions { KeepDaily = 2, KeepWeekly = 0, KeepMonthly = 0 });

        Assert.Equal([lateUtc.BackupId, today.BackupId], sut.Keep.Select(decision => decision.Entry.BackupId));
        Assert.Equal([offsetLocal.BackupId], sut.Prune.Select(decision => decision.Entry.BackupId));
    }

    [Fact]
    public void Plan_WeeksAcrossTheNewYear_NamedByIsoWeekYear()
    {
        var newYearsDay = new DateTimeOffset(2027, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var sunday = Full(new DateTimeOffset(2026, 12, 27, 2, 0, 0, TimeSpan.Zero));
        var monday = Full(new DateTimeOffset(2026, 12, 28, 2, 0, 0, TimeSpan.Zero));
        var friday = Full(new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero));

        var sut = RetentionPolicy.Plan([sunday, monday, friday], newYearsDay, new BackupOptions { KeepDaily = 1, KeepWeekly = 2, KeepMonthly = 0 });

        Assert.Equal(
            [(sunday.BackupId, "weekly 2026-W52"), (friday.BackupId, "daily 2027-01-01, weekly 2026-W53, newest usable full")],
            Decisions(sut.Keep));
        Assert.Equal([monday.BackupId], sut.Prune.Select(decision => decision.Entry.BackupId));
    }

    [Fact]
    public void Plan_EmptyCatalog_KeepsAndPrunesNothing()
    {
        var sut = RetentionPolicy.Plan([], Now, new BackupOptions());

        Assert.Empty(sut.Keep);
        Assert.Empty(sut.Prune);
    }

    private static List<BackupCatalogEntry> DailyFulls(DateOnly from, DateOnly to) =>
        [.. Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(offset => Full(new DateTimeOffset(from.AddDays(offset).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero)))];

    private static DateOnly Day(BackupCatalogEntry entry) => DateOnly.FromDateTime(entry.StartedAt.UtcDateTime);

    private static List<(string, string)> Decisions(IEnumerable<RetentionDecision> decisions) =>
        [.. decisions.Select(decision => (decision.Entry.BackupId, decision.Reason))];
}

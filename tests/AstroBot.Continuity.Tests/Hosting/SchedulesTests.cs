using System.Reflection;
using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;

namespace AstroBot.Continuity.Tests.Hosting;

public sealed class SchedulesTests
{
    private static readonly FieldInfo[] SettingFields = typeof(Schedules)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(ScheduleSetting))
        .ToArray();

    [Fact]
    public void TriggerConstants_EqualTheirSettingsTriggerExpression()
    {
        Assert.Equal(Schedules.MessageLedgerPruneTrigger, Schedules.MessageLedgerPrune.TriggerExpression);
        Assert.Equal(Schedules.BackupFullTrigger, Schedules.BackupFull.TriggerExpression);
        Assert.Equal(Schedules.BackupIncrementalTrigger, Schedules.BackupIncremental.TriggerExpression);
        Assert.Equal(Schedules.BackupVerifyTrigger, Schedules.BackupVerify.TriggerExpression);
        Assert.Equal(Schedules.BackupRestoreTestTrigger, Schedules.BackupRestoreTest.TriggerExpression);
        Assert.Equal(Schedules.BackupPruneTrigger, Schedules.BackupPrune.TriggerExpression);
        Assert.Equal(Schedules.BackupStatusTrigger, Schedules.BackupStatus.TriggerExpression);
        Assert.Equal(Schedules.InboxPoisonWatchTrigger, Schedules.InboxPoisonWatch.TriggerExpression);
        Assert.Equal(Schedules.AvailabilityProbeTrigger, Schedules.AvailabilityProbe.TriggerExpression);
        Assert.Equal(Schedules.MaintenanceDrainTrigger, Schedules.MaintenanceDrain.TriggerExpression);
        Assert.Equal(Schedules.OutboxDrainTrigger, Schedules.OutboxDrain.TriggerExpression);
        Assert.Equal(Schedules.NativeBackupDrillTrigger, Schedules.NativeBackupDrill.TriggerExpression);
    }

    // Guards the next schedule someone adds: it needs its trigger constant and its place in All.
    [Fact]
    public void EverySetting_HasATriggerConstantAndIsInAll()
    {
        foreach (var field in SettingFields)
        {
            var setting = (ScheduleSetting)field.GetValue(null)!;
            var trigger = typeof(Schedules).GetField(field.Name + "Trigger", BindingFlags.Public | BindingFlags.Static);
            Assert.True(trigger is { IsLiteral: true }, $"Schedules.{field.Name}Trigger is missing");
            Assert.Equal(setting.TriggerExpression, trigger.GetRawConstantValue());
            Assert.Contains(setting, Schedules.All);
        }

        Assert.Equal(SettingFields.Length, Schedules.All.Count);
    }

    [Fact]
    public void All_SettingNamesAreUniqueAndEndInSchedule()
    {
        var names = Schedules.All.Select(setting => setting.SettingName).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.EndsWith("Schedule", name, StringComparison.Ordinal));
    }

    // The Functions host's NCrontab throws on a date that never comes (30 February): "off" is Bicep's disabled flag instead.
    [Fact]
    public void NativeBackupDrill_DefaultFiresQuarterly()
    {
        var expression = Cronos.CronExpression.Parse(Schedules.NativeBackupDrill.DefaultExpression, Cronos.CronFormat.IncludeSeconds);

        var next = expression.GetNextOccurrence(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2027, 2, 15, 8, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void All_DefaultsAreValidSixFieldExpressions()
    {
        var empty = new ConfigurationBuilder().Build();

        Assert.All(Schedules.All, setting => Assert.Equal(setting.DefaultExpression, setting.Resolve(empty)));
    }
}

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Runs;
using AstroBot.Continuity.Functions.Backup;

namespace AstroBot.Continuity.Functions.Tests;

/// <summary>
/// No backup function body may outlive host.json's <c>functionTimeout</c>, after which the host recycles the worker
/// that also answers WhatsApp: the backup, verification and restore-test timers only start their orchestration, and the backup's activity that reads for long (a
/// slice) is cancelled at a deadline that fits inside the timeout at the longest slice the settings allow. (That the
/// deadline is enforced: BackupRunStepsTests in the core tests.)
/// </summary>
public class FunctionTimeoutTests
{
    // A slice's own start before it reads: the lease, the key ring, the user-key table (100,000 rows), its checkpoint.
    private static readonly TimeSpan SliceStart = TimeSpan.FromMinutes(1);

    [Fact]
    public void BackupSlice_AtTheLongestSliceTheSettingsAllow_IsCancelledBeforeTheFunctionTimeout()
    {
        var timeout = TimeSpan.Parse(HostJson.Load().GetProperty("functionTimeout").GetString()!, CultureInfo.InvariantCulture);
        var range = typeof(BackupOptions).GetProperty(nameof(BackupOptions.SliceDuration))!.GetCustomAttribute<RangeAttribute>()!;
        var longestSlice = TimeSpan.Parse((string)range.Maximum, CultureInfo.InvariantCulture);

        Assert.True(
            SliceStart + longestSlice + BackupRunSteps.SliceGrace < timeout,
            $"A slice may run {SliceStart + longestSlice + BackupRunSteps.SliceGrace} against a functionTimeout of {timeout}.");
    }

    [Theory]
    [InlineData(nameof(BackupTimerFunctions.FullAsync))]
    [InlineData(nameof(BackupTimerFunctions.IncrementalAsync))]
    [InlineData(nameof(BackupTimerFunctions.VerifyAsync))]
    [InlineData(nameof(BackupTimerFunctions.RestoreTestAsync))]
    public void BackupTimer_TakesADurableClientToStartItsOrchestration(string method)
    {
        var parameters = typeof(BackupTimerFunctions).GetMethod(method)!.GetParameters();

        Assert.Contains(parameters, parameter => parameter.ParameterType == typeof(Microsoft.DurableTask.Client.DurableTaskClient));
    }

    [Fact]
    public void BackupTimers_CannotBackUpVerifyOrTestARestoreThemselves()
    {
        var dependencies = typeof(BackupTimerFunctions).GetConstructors().Single().GetParameters().Select(parameter => parameter.ParameterType);

        Assert.DoesNotContain(typeof(BackupRunner), dependencies);
        Assert.DoesNotContain(typeof(BackupRunSteps), dependencies);
        Assert.DoesNotContain(typeof(Continuity.Backup.RestoreTest.RestoreTester), dependencies);
        Assert.DoesNotContain(typeof(Continuity.Backup.Reading.BackupVerification), dependencies);
    }
}

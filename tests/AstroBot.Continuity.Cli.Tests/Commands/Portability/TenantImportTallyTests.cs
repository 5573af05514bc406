using AstroBot.Continuity.Cli.Commands.Portability;
using AstroBot.Continuity.Portability.Import;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Cli.Tests.Commands.Portability;

public sealed class TenantImportTallyTests
{
    private readonly FakeTimeProvider time = new();
    private readonly TenantImportTally sut;

    public TenantImportTallyTests() => sut = new TenantImportTally(time, time.GetTimestamp());

    [Fact]
    public void Result_RefusalsCompletedOutOfOrder_ListsThemInDirectoryOrder()
    {
        sut.Refused(2, new ImportRefusal("c.zip", "damaged"), _ => { }, null);
        sut.Imported(Report("15550000001", ImportAction.Create, ImportAction.Create), null);
        sut.Refused(0, new ImportRefusal("a.zip", "damaged"), _ => { }, null);

        var result = sut.Result("dir", new ImportRequest());

        Assert.Equal(["a.zip", "c.zip"], result.Refused.Select(refusal => refusal.File));
        Assert.Equal((3, 1), (result.Archives, result.Imported));
    }

    [Fact]
    public async Task Imported_FromManyThreads_AddsUpEveryRecordAndReportsCountsThatNeverGoBack()
    {
        var reports = new List<TenantImportProgress>();
        var progress = new RecordingProgress<TenantImportProgress>(reports);

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
        {
            sut.Imported(Report($"1555{i:D7}", ImportAction.Create, ImportAction.Unchanged, ImportAction.SkipConflict), progress);
            return ValueTask.CompletedTask;
        });

        var result = sut.Result("dir", new ImportRequest());
        Assert.Equal((200, 200), (result.Archives, result.Imported));
        Assert.Equal(new ImportCounts(200, 200, 0, 200), result.Total);
        Assert.Equal(Enumerable.Range(1, 200), reports.Select(report => report.Archives));
        Assert.Equal(Enumerable.Range(1, 200).Select(archives => archives * 3L), reports.Select(report => report.Records));
    }

    private static ImportReport Report(string waId, params ImportAction[] actions) =>
        new(waId, DryRun: false, [.. actions.Select((action, i) => new ImportChange("readings", $"rdg-{i}", action))], AuditRecords: 0);
}

using AstroBot.Continuity.Backup;
using AstroBot.Continuity.Backup.Catalog;

namespace AstroBot.Continuity.Tests.Backup.Catalog;

public sealed class BackupChainTests
{
    private static readonly DateTimeOffset DayOne = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DayTwo = DayOne.AddDays(1);

    private readonly BackupCatalogEntry fullOne;
    private readonly BackupCatalogEntry incrementalOneA;
    private readonly BackupCatalogEntry incrementalOneB;
    private readonly BackupCatalogEntry fullTwo;
    private readonly BackupCatalogEntry incrementalTwoA;
    private readonly BackupCatalogEntry incrementalTwoB;
    private readonly BackupCatalogEntry incrementalTwoC;
    private readonly List<BackupCatalogEntry> catalog;

    public BackupChainTests()
    {
        fullOne = Full(DayOne);
        incrementalOneA = Incremental(fullOne, fullOne, DayOne.AddMinutes(30));
        incrementalOneB = Incremental(fullOne, incrementalOneA, DayOne.AddMinutes(60));
        fullTwo = Full(DayTwo);
        incrementalTwoA = Incremental(fullTwo, fullTwo, DayTwo.AddMinutes(30));
        incrementalTwoB = Incremental(fullTwo, incrementalTwoA, DayTwo.AddMinutes(60));
        incrementalTwoC = Incremental(fullTwo, incrementalTwoB, DayTwo.AddMinutes(90));

        // Deliberately out of order: the catalog's order must not matter.
        catalog = [incrementalTwoC, fullOne, incrementalTwoA, incrementalOneB, fullTwo, incrementalOneA, incrementalTwoB];
    }

    [Fact]
    public void Resolve_Latest_IsTheNewestFullAndItsIncrementalsInOrder()
    {
        var sut = BackupChain.Resolve(catalog, null, null);

        Assert.Equal(Ids(fullTwo, incrementalTwoA, incrementalTwoB, incrementalTwoC), Ids(sut));
    }

    [Fact]
    public void Resolve_EmptyCatalog_IsEmpty()
    {
        Assert.Empty(BackupChain.Resolve([], null, null));
        Assert.Empty(BackupChain.Resolve([], null, DayTwo));
    }

    [Fact]
    public void Resolve_AtATimeOnTheFirstDay_PicksTheOlderFullAndCutsItsIncrementals()
    {
        var at = incrementalOneA.CompletedAt!.Value.AddMinutes(5);

        var sut = BackupChain.Resolve(catalog, null, at);

        Assert.Equal(Ids(fullOne, incrementalOneA), Ids(sut));
    }

    [Fact]
    public void Resolve_AtExactlyAnIncrementalsCompletion_IncludesIt()
    {
        var sut = BackupChain.Resolve(catalog, null, incrementalTwoB.CompletedAt);

        Assert.Equal(Ids(fullTwo, incrementalTwoA, incrementalTwoB), Ids(sut));
    }

    [Fact]
    public void Resolve_AtWhileTheNewestFullWasStillRunning_PicksTheFullBefore()
    {
        var sut = BackupChain.Resolve(catalog, null, fullTwo.CompletedAt!.Value.AddSeconds(-1));

        Assert.Equal(Ids(fullOne, incrementalOneA, incrementalOneB), Ids(sut));
    }

    [Fact]
    public void Resolve_AtBeforeAnyFullCompleted_IsEmpty()
    {
        Assert.Empty(BackupChain.Resolve(catalog, null, DayOne.AddMinutes(5)));
    }

    [Fact]
    public void Resolve_FailedIncrementalThatTheNextContinuesFrom_StopsTheChainAtTheGap()
    {
        var failed = incrementalTwoB with { State = BackupState.Failed };
        List<BackupCatalogEntry> withGap = [fullTwo, incrementalTwoA, failed, incrementalTwoC];

        var sut = BackupChain.Resolve(withGap, null, null);

        Assert.Equal(Ids(fullTwo, incrementalTwoA), Ids(sut));
    }

    [Fact]
    public void Resolve_FailedIncrementalNobodyContinuesFrom_IsSkipped()
    {
        // The runner builds on the newest usable backup, so after a failed incremental the next continues from the one before it.
        var failed = incrementalTwoB with { State = BackupState.Failed };
        var next = incrementalTwoC with { ParentBackupId = incrementalTwoA.BackupId };

        var sut = BackupChain.Resolve([fullTwo, incrementalTwoA, failed, next], null, null);

        Assert.Equal(Ids(fullTwo, incrementalTwoA, next), Ids(sut));
    }

    [Fact]
    public void Resolve_PrunedFull_IsNotChosen()
    {
        var pruned = fullTwo with { State = BackupState.Pruned };

        var sut = BackupChain.Resolve([fullOne, incrementalOneA, pruned, incrementalTwoA], null, null);

        Assert.Equal(Ids(fullOne, incrementalOneA), Ids(sut));
    }

    [Fact]
    public void Resolve_VerifiedBackups_AreUsable()
    {
        var verified = fullTwo with { State = BackupState.Verified };

        var sut = BackupChain.Resolve([fullOne, verified, incrementalTwoA], null, null);

        Assert.Equal(Ids(verified, incrementalTwoA), Ids(sut));
    }

    [Fact]
    public void Resolve_IncrementalId_IsItsFullAndTheIncrementalsUpToIt()
    {
        var sut = BackupChain.Resolve(catalog, incrementalTwoB.BackupId, null);

        Assert.Equal(Ids(fullTwo, incrementalTwoA, incrementalTwoB), Ids(sut));
    }

    [Fact]
    public void Resolve_IncrementalIdOfAnOlderChain_IsThatChainUpToIt()
    {
        var sut = BackupChain.Resolve(catalog, incrementalOneA.BackupId, null);

        Assert.Equal(Ids(fullOne, incrementalOneA), Ids(sut));
    }

    [Fact]
    public void Resolve_FullId_IsThatFullAlone()
    {
        var sut = BackupChain.Resolve(catalog, fullOne.BackupId, null);

        Assert.Equal(Ids(fullOne), Ids(sut));
    }

    [Fact]
    public void Resolve_FullIdAndAt_IsThatFullAndItsIncrementalsUntilThen()
    {
        var sut = BackupChain.Resolve(catalog, fullOne.BackupId, incrementalOneB.CompletedAt);

        Assert.Equal(Ids(fullOne, incrementalOneA, incrementalOneB), Ids(sut));
    }

    [Fact]
    public void Resolve_UnknownId_ThrowsArgumentExceptionSayingSo()
    {
        var exception = Assert.Throws<ArgumentException>(() => BackupChain.Resolve(catalog, "20261127T020000Z-full-ffffffff", null));

        Assert.Contains("Backup 20261127T020000Z-full-ffffffff is not in the catalog", exception.Message, StringComparison.Ordinal);
        Assert.Equal("backupId", exception.ParamName);
    }

    [Theory]
    [InlineData(BackupState.Failed, "failed")]
    [InlineData(BackupState.Running, "running")]
    [InlineData(BackupState.Pruned, "pruned")]
    public void Resolve_IdOfABackupThatIsNotUsable_ThrowsArgumentExceptionNamingItsState(BackupState state, string word)
    {
        var unusable = incrementalTwoB with { State = state };

        var exception = Assert.Throws<ArgumentException>(() => BackupChain.Resolve([fullTwo, incrementalTwoA, unusable], unusable.BackupId, null));

        Assert.Contains($"Backup {unusable.BackupId} is {word}, not restorable", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_IncrementalWhoseFullWasPruned_ThrowsArgumentExceptionNamingTheFull()
    {
        var pruned = fullTwo with { State = BackupState.Pruned };

        var exception = Assert.Throws<ArgumentException>(() => BackupChain.Resolve([pruned, incrementalTwoA], incrementalTwoA.BackupId, null));

        Assert.Contains($"builds on {fullTwo.BackupId}, which is not restorable", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_IncrementalIdBeyondAGap_IsRefusedRatherThanAShorterChain()
    {
        // incrementalTwoC continues from a failed backup: restoring "up to and including" it is impossible, and silently restoring
        // only up to incrementalTwoA would hand back an older state than the one asked for.
        var failed = incrementalTwoB with { State = BackupState.Failed };

        var exception = Record.Exception(() => BackupChain.Resolve([fullTwo, incrementalTwoA, failed, incrementalTwoC], incrementalTwoC.BackupId, null));

        var refusal = Assert.IsType<ArgumentException>(exception);
        Assert.Contains(incrementalTwoC.BackupId, refusal.Message, StringComparison.Ordinal);
    }

    private static BackupCatalogEntry Full(DateTimeOffset startedAt) => new()
    {
        Database = "astrobot",
        BackupId = BackupId.New(BackupKind.Full, startedAt).Value,
        State = BackupState.Committed,
        StartedAt = startedAt,
        CompletedAt = startedAt.AddMinutes(10),
    };

    private static BackupCatalogEntry Incremental(BackupCatalogEntry full, BackupCatalogEntry parent, DateTimeOffset startedAt) => new()
    {
        Database = "astrobot",
        BackupId = BackupId.New(BackupKind.Incremental, startedAt).Value,
        State = BackupState.Committed,
        BaseBackupId = full.BackupId,
        ParentBackupId = parent.BackupId,
        StartedAt = startedAt,
        CompletedAt = startedAt.AddMinutes(1),
    };

    private static List<string> Ids(params IEnumerable<BackupCatalogEntry> entries) => [.. entries.Select(entry => entry.BackupId)];
}

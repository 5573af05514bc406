using AstroBot.Continuity.Backup;

namespace AstroBot.Continuity.Tests.Backup;

public sealed class BackupIdTests
{
    private static readonly DateTimeOffset Two = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(BackupKind.Full, "20261127T020000Z-full-")]
    [InlineData(BackupKind.Incremental, "20261127T020000Z-incr-")]
    public void New_Kind_NamesTheUtcStartAndTheKind(BackupKind kind, string expectedStart)
    {
        var sut = BackupId.New(kind, Two);

        Assert.StartsWith(expectedStart, sut.Value, StringComparison.Ordinal);
        Assert.Equal(kind, sut.Kind);
        Assert.Equal(sut, BackupId.Parse(sut.Value));
    }

    [Fact]
    public void New_StartWithAnOffset_IsNamedInUtc()
    {
        var sut = BackupId.New(BackupKind.Full, new DateTimeOffset(2026, 11, 27, 4, 0, 0, TimeSpan.FromHours(2)));

        Assert.StartsWith("20261127T020000Z-full-", sut.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void New_LaterStarts_SortAfterEarlierOnesWhateverTheKind()
    {
        var starts = Enumerable.Range(0, 30).Select(i => Two.AddSeconds(i * 37).AddDays(i % 3)).ToList();

        var ids = starts.Select((start, i) => BackupId.New(i % 2 == 0 ? BackupKind.Full : BackupKind.Incremental, start).Value).ToList();

        var byName = ids.Order(StringComparer.Ordinal).ToList();
        var byTime = ids.Zip(starts).OrderBy(pair => pair.Second).Select(pair => pair.First).ToList();
        Assert.Equal(byTime, byName);
    }

    [Fact]
    public void New_SameStart_GivesDistinctIds()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => BackupId.New(BackupKind.Full, Two).Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(50, ids.Count);
    }

    [Theory]
    [InlineData("20261127T020000Z-full-1a2b3c4d", BackupKind.Full)]
    [InlineData("20261231T235959Z-incr-00ff00ff", BackupKind.Incremental)]
    public void Parse_ValidId_ReturnsItWithItsKind(string value, BackupKind kind)
    {
        var sut = BackupId.Parse(value);

        Assert.Equal(value, sut.Value);
        Assert.Equal(value, sut.ToString());
        Assert.Equal(kind, sut.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("20261127T020000Z-full")]
    [InlineData("20261127T020000Z-full-1a2b3c4d-x")]
    [InlineData("20261127T020000Z-weekly-1a2b3c4d")]
    [InlineData("20261127T020000Z-FULL-1a2b3c4d")]
    [InlineData("20261127T020000Z-full-1A2B3C4D")]
    [InlineData("20261127T020000Z-full-1a2b3c")]
    [InlineData("20261127T020000Z-full-1a2b3c4d5")]
    [InlineData("20261127T020000Z-full-1a2b3c4g")]
    [InlineData("20261327T020000Z-full-1a2b3c4d")]
    [InlineData("20261127T250000Z-full-1a2b3c4d")]
    [InlineData("20261127020000-full-1a2b3c4d")]
    [InlineData("2026-11-27T02:00:00Z-full-1a2b3c4d")]
    public void Parse_Malformed_ThrowsFormatExceptionShowingAnExample(string value)
    {
        var exception = Assert.Throws<FormatException>(() => BackupId.Parse(value));

        Assert.Contains($"'{value}' is not a backup id", exception.Message, StringComparison.Ordinal);
        Assert.Contains("20261127T020000Z-full-1a2b3c4d", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => BackupId.Parse(null!));
    }
}

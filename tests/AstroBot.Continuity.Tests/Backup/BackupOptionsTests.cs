using System.ComponentModel.DataAnnotations;
using AstroBot.Continuity.Backup;

namespace AstroBot.Continuity.Tests.Backup;

public sealed class BackupOptionsTests
{
    public static TheoryData<string, Action<BackupOptions>> InvalidSettings => new()
    {
        { "AccountName", options => options.AccountName = "Backup_Account" },
        { "AccountName", options => options.AccountName = "ab" },
        { "ContainerName", options => options.ContainerName = "Backups" },
        { "ContainerName", options => options.ContainerName = "back--ups" },
        { "ContainerName", options => options.ContainerName = "-backups" },
        { "CatalogTableName", options => options.CatalogTableName = "1backups" },
        { "CatalogTableName", options => options.CatalogTableName = "back-ups" },
        { "RestoreTableName", options => options.RestoreTableName = "re" },
        { "ErasureTableName", options => options.ErasureTableName = "erasure_journal" },
        { "ChunkBytes", options => options.ChunkBytes = 64 * 1024 - 1 },
        { "ChunkBytes", options => options.ChunkBytes = 256 * 1024 * 1024 + 1 },
        { "PageSize", options => options.PageSize = 0 },
        { "PageSize", options => options.PageSize = 10_001 },
        { "ThroughputShare", options => options.ThroughputShare = 0 },
        { "ThroughputShare", options => options.ThroughputShare = 1.5 },
        { "FallbackRequestUnitsPerSecond", options => options.FallbackRequestUnitsPerSecond = 0 },
        { "LeaseDuration", options => options.LeaseDuration = TimeSpan.FromSeconds(14) },
        { "LeaseDuration", options => options.LeaseDuration = TimeSpan.FromSeconds(61) },
        { "KeepDaily", options => options.KeepDaily = 0 },
        { "KeepWeekly", options => options.KeepWeekly = -1 },
        { "KeepMonthly", options => options.KeepMonthly = 241 },
        { "ScratchDatabasePrefix", options => options.ScratchDatabasePrefix = string.Empty },
        { "SecondaryBlobEndpoint", options => options.SecondaryBlobEndpoint = "not a url" },
        { "FullBackupMaxAge", options => options.FullBackupMaxAge = TimeSpan.Zero },
        { "IncrementalBackupMaxAge", options => options.IncrementalBackupMaxAge = TimeSpan.FromMinutes(-30) },
        { "GeoReplicationMaxLag", options => options.GeoReplicationMaxLag = TimeSpan.Zero },
    };

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        var sut = new BackupOptions();

        Assert.Empty(Validate(sut));
        Assert.Equal("UseDevelopmentStorage=true", sut.ConnectionString);
        Assert.Equal(TimeSpan.FromSeconds(60), sut.LeaseDuration);
    }

    [Fact]
    public void Validate_EveryBoundOfTheRanges_IsValid()
    {
        var sut = new BackupOptions
        {
            AccountName = "abc",
            SecondaryBlobEndpoint = "https://abc-secondary.blob.core.windows.net/",
            ChunkBytes = 64 * 1024,
            PageSize = 10_000,
            ThroughputShare = 1,
            LeaseDuration = TimeSpan.FromSeconds(15),
            KeepWeekly = 0,
            KeepMonthly = 0,
        };

        Assert.Empty(Validate(sut));
    }

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Validate_InvalidSetting_GivesOneMessageNamingIt(string setting, Action<BackupOptions> spoil)
    {
        ArgumentNullException.ThrowIfNull(spoil);
        var sut = new BackupOptions();
        spoil(sut);

        var result = Assert.Single(Validate(sut));

        Assert.Contains(setting, result.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([setting], result.MemberNames);
    }

    [Fact]
    public void Validate_SecondaryEndpointThatIsOnlyAPath_IsInvalid()
    {
        // On Linux "/devstoreaccount1-secondary" parses as an absolute file:// URI; it is no blob endpoint.
        var sut = new BackupOptions { SecondaryBlobEndpoint = "/devstoreaccount1-secondary" };

        var result = Assert.Single(Validate(sut));

        Assert.Contains("SecondaryBlobEndpoint", result.ErrorMessage, StringComparison.Ordinal);
    }

    private static List<ValidationResult> Validate(BackupOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}

using AstroBot.Continuity.Portability.Links;

namespace AstroBot.Continuity.Tests.Portability.Links;

public sealed class ExportBlobNameTests
{
    private static readonly DateTimeOffset GeneratedAt = new(2027, 1, 15, 23, 30, 0, TimeSpan.FromHours(-2));

    [Fact]
    public void Create_Name_Is128RandomBitsInHexThenTheFileNameOfTheUtcDay()
    {
        var sut = ExportBlobName.Create(GeneratedAt);

        Assert.Matches("^[0-9a-f]{32}/astrobot-export-2027-01-16\\.zip$", sut);
        Assert.Equal(128, ExportBlobName.RandomBits);
        Assert.Equal("astrobot-export-2027-01-16.zip", ExportBlobName.FileNameOf(sut));
    }

    [Fact]
    public void Create_ManyNames_NeverRepeatAFolder()
    {
        var folders = Enumerable.Range(0, 2000).Select(_ => ExportBlobName.Create(GeneratedAt).Split('/')[0]).ToList();

        Assert.Equal(folders.Count, folders.Distinct(StringComparer.Ordinal).Count());
    }
}

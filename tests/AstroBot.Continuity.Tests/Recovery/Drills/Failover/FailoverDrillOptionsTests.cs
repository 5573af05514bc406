using System.ComponentModel.DataAnnotations;
using AstroBot.Continuity.Recovery.Drills.Failover;

namespace AstroBot.Continuity.Tests.Recovery.Drills.Failover;

public class FailoverDrillOptionsTests
{
    [Fact]
    public void Validate_Defaults_AreValidAndChooseNoSwitch()
    {
        var sut = new FailoverDrillOptions();

        Assert.Empty(Errors(sut));
        Assert.Equal(RegionSwitchKind.None, sut.Switch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("127.0.0.1:7071/frontdoor/priorities")]
    [InlineData("ftp://127.0.0.1/frontdoor/priorities")]
    public void Validate_LocalSwitchWithoutAnHttpControlUrl_NamesTheSetting(string? url)
    {
        var sut = new FailoverDrillOptions { Switch = RegionSwitchKind.Local, FrontDoorControlUrl = url };

        Assert.Contains(Errors(sut), error => error.StartsWith("Recovery:Failover:FrontDoorControlUrl must be", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "https://app.azurewebsites.net")]
    [InlineData(2, "not a url")]
    public void Validate_ResourceManagerSwitchWithoutTwoWholeRegions_NamesTheSetting(int regions, string url)
    {
        var sut = new FailoverDrillOptions { Switch = RegionSwitchKind.ResourceManager };
        for (var i = 0; i < regions; i++)
        {
            sut.Regions.Add(new FailoverRegionOptions { Name = $"r{i}", Origin = $"o{i}", CosmosRegion = $"R {i}", Url = url });
        }

        Assert.Contains(Errors(sut), error => error.StartsWith("Recovery:Failover:Regions must name two or more regions", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HoldOnSecondaryNotShorterThanTheCanaryWindow_SaysTheCanariesMustOutlastIt()
    {
        var sut = new FailoverDrillOptions { HoldOnSecondary = TimeSpan.FromMinutes(1), CanaryWindow = TimeSpan.FromMinutes(1) };

        Assert.Contains(Errors(sut), error => error.Contains("must be shorter than Recovery:Failover:CanaryWindow", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_CanaryIntervalOutOfRange_NamesTheSetting()
    {
        var sut = new FailoverDrillOptions { CanaryInterval = TimeSpan.FromMilliseconds(10) };

        Assert.Contains("Recovery:Failover:CanaryInterval must be between 50 ms and 10 seconds", Errors(sut));
    }

    private static List<string> Errors(FailoverDrillOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(result => result.ErrorMessage ?? "")];
    }
}

using System.ComponentModel.DataAnnotations;
using AstroBot.Continuity.Local.FrontDoor;

namespace AstroBot.Continuity.Local.Tests.FrontDoor;

public class LocalFrontDoorOptionsTests
{
    [Fact]
    public void Defaults_WithOneOrigin_AreValidAndMirrorAzuresSamples()
    {
        var sut = new LocalFrontDoorOptions { Origins = ["http://127.0.0.1:7073"] };

        Assert.Empty(Validate(sut));
        Assert.Equal("http://127.0.0.1:7071", sut.Listen);
        Assert.Equal("/api/health/ready", sut.ProbePath);
        Assert.Equal((4, 2, 3), (sut.SampleSize, sut.UnhealthyAfterFailures, sut.HealthyAfterSuccesses));
        Assert.Equal(TimeSpan.FromSeconds(30), sut.OriginResponseTimeout);
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Validate_BadSetting_NamesIt(Action<LocalFrontDoorOptions> change, string expected)
    {
        var sut = new LocalFrontDoorOptions { Origins = ["http://127.0.0.1:7073"] };
        change(sut);

        Assert.Contains(Validate(sut), error => error.Contains(expected, StringComparison.Ordinal));
    }

    public static TheoryData<Action<LocalFrontDoorOptions>, string> BadOptions => new()
    {
        { options => options.Origins = [], "LocalFrontDoor:Origins needs at least one origin" },
        { options => options.Origins = ["127.0.0.1:7073"], "LocalFrontDoor:Origins takes absolute http(s) URLs" },
        { options => options.Origins = ["http://127.0.0.1:7073", "http://127.0.0.1:7073/"], "names http://127.0.0.1:7073 twice" },
        { options => options.Listen = "7071", "LocalFrontDoor:Listen must be an absolute http(s) URL" },
        { options => options.ProbePath = "api/health", "LocalFrontDoor:ProbePath must start with /" },
        { options => options.ProbeInterval = TimeSpan.Zero, "LocalFrontDoor:ProbeInterval" },
        { options => options.UnhealthyAfterFailures = 5, "cannot be more than LocalFrontDoor:SampleSize" },
        { options => options.HealthyAfterSuccesses = 0, "LocalFrontDoor:HealthyAfterSuccesses" },
        { options => options.RestorationDelay = TimeSpan.FromSeconds(-1), "LocalFrontDoor:RestorationDelay" },
        { options => options.RetryAfter = TimeSpan.Zero, "LocalFrontDoor:RetryAfter" },
    };

    private static List<string> Validate(LocalFrontDoorOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(result => result.ErrorMessage ?? "")];
    }
}

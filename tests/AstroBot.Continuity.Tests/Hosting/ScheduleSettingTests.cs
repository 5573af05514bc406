using AstroBot.Continuity.Hosting;
using Microsoft.Extensions.Configuration;

namespace AstroBot.Continuity.Tests.Hosting;

public sealed class ScheduleSettingTests
{
    private readonly ScheduleSetting sut = new("NightlySchedule", "0 30 3 * * *");

    [Fact]
    public void Resolve_SettingAbsent_ReturnsTheDefault()
    {
        Assert.Equal("0 30 3 * * *", sut.Resolve(Configuration()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolve_SettingEmpty_ReturnsTheDefault(string value)
    {
        Assert.Equal("0 30 3 * * *", sut.Resolve(Configuration(value)));
    }

    [Fact]
    public void Resolve_SettingSet_ReturnsTheOverride()
    {
        Assert.Equal("0 0 */6 * * *", sut.Resolve(Configuration("0 0 */6 * * *")));
    }

    [Theory]
    [InlineData("every night")]
    [InlineData("30 3 * * *")] // five fields: the seconds field is required
    [InlineData("0 61 3 * * *")]
    public void Resolve_InvalidExpression_ThrowsNamingTheSettingAndTheValue(string value)
    {
        var exception = Assert.Throws<FormatException>(() => sut.Resolve(Configuration(value)));

        Assert.Contains("NightlySchedule", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_InvalidDefault_Throws()
    {
        var broken = new ScheduleSetting("BrokenSchedule", "0 30 3 * *");

        Assert.Throws<FormatException>(() => broken.Resolve(Configuration()));
    }

    [Fact]
    public void TriggerExpression_IsTheSettingNameBetweenPercentSigns()
    {
        Assert.Equal("%NightlySchedule%", sut.TriggerExpression);
    }

    private static IConfiguration Configuration(string? value = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(value is null ? [] : new Dictionary<string, string?> { ["NightlySchedule"] = value })
            .Build();
}

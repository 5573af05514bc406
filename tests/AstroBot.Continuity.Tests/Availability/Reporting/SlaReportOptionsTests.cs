using System.ComponentModel.DataAnnotations;
using AstroBot.Continuity.Availability.Reporting;

namespace AstroBot.Continuity.Tests.Availability.Reporting;

public sealed class SlaReportOptionsTests
{
    [Fact]
    public void Validate_TheDefaults_ReadTheProbeTable()
    {
        var sut = new SlaReportOptions();

        Assert.Empty(Problems(sut));
        Assert.False(sut.ReadsLogAnalytics);
        Assert.Equal(new Uri("https://api.loganalytics.io"), sut.LogAnalyticsEndpointUri);
    }

    [Fact]
    public void Validate_AWorkspaceId_ReadsLogAnalytics()
    {
        var sut = new SlaReportOptions { LogAnalyticsWorkspaceId = "63613592-b6f7-4c3d-a390-22ba13102111" };

        Assert.Empty(Problems(sut));
        Assert.True(sut.ReadsLogAnalytics);
    }

    [Theory]
    [InlineData("LogAnalyticsWorkspaceId", "astrobot-prod-logs", "must be the workspace's Workspace ID, a GUID")]
    [InlineData("LogAnalyticsWorkspaceId", "/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z", "a GUID")]
    [InlineData("LogAnalyticsEndpoint", "http://api.loganalytics.io", "must be an https URL without a path")]
    [InlineData("LogAnalyticsEndpoint", "https://api.loganalytics.io/v1", "must be an https URL without a path")]
    [InlineData("LogAnalyticsEndpoint", "", "Availability:LogAnalyticsEndpoint is required")]
    public void Validate_ABadSetting_NamesIt(string property, string value, string expected)
    {
        var sut = new SlaReportOptions();
        typeof(SlaReportOptions).GetProperty(property)!.SetValue(sut, value);

        Assert.Contains(Problems(sut), problem => problem.Contains(expected, StringComparison.Ordinal));
    }

    private static List<string> Problems(SlaReportOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(result => result.ErrorMessage ?? string.Empty)];
    }
}

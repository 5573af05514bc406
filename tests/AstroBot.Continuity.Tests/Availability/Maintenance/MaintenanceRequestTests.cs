using AstroBot.Continuity.Availability.Maintenance;

namespace AstroBot.Continuity.Tests.Availability.Maintenance;

public sealed class MaintenanceRequestTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 15, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan SevenDays = TimeSpan.FromDays(7);

    [Theory]
    [InlineData("2027-01-15T10:00:00Z", "2027-01-15T10:00:00+00:00")]
    [InlineData("2027-01-15T11:00:00+01:00", "2027-01-15T10:00:00+00:00")]
    [InlineData("2027-01-15T10:00Z", "2027-01-15T10:00:00+00:00")]
    [InlineData("2027-01-15T10:00:00.5Z", "2027-01-15T10:00:00.5+00:00")]
    [InlineData("30m", "2027-01-15T08:30:00+00:00")]
    [InlineData("2h", "2027-01-15T10:00:00+00:00")]
    [InlineData("1h30m", "2027-01-15T09:30:00+00:00")]
    [InlineData("90s", "2027-01-15T08:01:30+00:00")]
    [InlineData("1d", "2027-01-16T08:00:00+00:00")]
    [InlineData(" 2h ", "2027-01-15T10:00:00+00:00")]
    public void TryParseUntil_AnIsoTimeWithOffsetOrADuration_IsTheEnd(string text, string expected)
    {
        Assert.True(MaintenanceRequest.TryParseUntil(text, Now, out var until));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), until);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("2027-01-15T10:00:00")] // no offset: whose 10:00?
    [InlineData("2027-01-15")]
    [InlineData("2h30")]
    [InlineData("0m")]
    [InlineData("-2h")]
    [InlineData("m")]
    [InlineData("30M")]
    public void TryParseUntil_AnythingElse_IsRefused(string text)
    {
        Assert.False(MaintenanceRequest.TryParseUntil(text, Now, out _));
    }

    [Fact]
    public void Check_AnEndInThePast_IsRefusedSayingSo()
    {
        var (until, problem) = MaintenanceRequest.Check("2027-01-15T07:00:00Z", "Back soon.", Now, SevenDays);

        Assert.Null(until);
        Assert.Contains("is not in the future", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AnEndNow_IsRefused()
    {
        Assert.NotNull(MaintenanceRequest.Check("2027-01-15T08:00:00Z", "Back soon.", Now, SevenDays).Problem);
    }

    [Fact]
    public void Check_AnEndPastMaxWindow_IsRefusedNamingTheSetting()
    {
        var (until, problem) = MaintenanceRequest.Check("8d", "Back soon.", Now, SevenDays);

        Assert.Null(until);
        Assert.Contains("more than 7 days ahead (Maintenance:MaxWindow)", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is empty")]
    [InlineData("", "is empty")]
    [InlineData("   ", "only blanks")]
    public void Check_NoMessage_IsRefused(string? message, string expected)
    {
        Assert.Contains(expected, MaintenanceRequest.Check("2h", message, Now, SevenDays).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AMessageLongerThanOneWhatsAppText_IsRefused()
    {
        var problem = MaintenanceRequest.Check("2h", new string('x', 4097), Now, SevenDays).Problem;

        Assert.Contains("4097 characters; a WhatsApp text holds 4096 at most", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AMessageOfExactly4096Characters_IsAccepted()
    {
        Assert.Equal((Now.AddHours(2), null), MaintenanceRequest.Check("2h", new string('x', 4096), Now, SevenDays));
    }

    [Fact]
    public void Check_AnUnreadableEnd_NamesTheForms()
    {
        Assert.Contains(MaintenanceRequest.UntilForms, MaintenanceRequest.Check("tomorrow", "Back soon.", Now, SevenDays).Problem, StringComparison.Ordinal);
    }
}

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>
/// The error budget's burn rate over a window that ends at the period's end, as the alert rules define it: the share
/// of failed measurements in the window divided by the budget's share (0.001). At 1 the budget lasts the month; the
/// rules page at 14.4 (1 h and 5 min) and 6 (6 h and 30 min), and raise a ticket at 1 (2 d and 6 h; 3 d in the SRE
/// workbook). Here a measurement is a minute: <see cref="DownMinutes"/> of <see cref="MeasuredMinutes"/>.
/// </summary>
/// <param name="Window">The window's length.</param>
/// <param name="Rate">The burn rate; null when the window holds no measured minute (a silent window burns nothing).</param>
/// <param name="DownMinutes">Down minutes in the window.</param>
/// <param name="MeasuredMinutes">Up and down minutes in the window (unknown ones left out).</param>
public sealed record BurnRate(TimeSpan Window, double? Rate, int DownMinutes, int MeasuredMinutes)
{
    /// <summary>The window as the alert rules name it: <c>5m</c>, <c>30m</c>, <c>1h</c>, <c>6h</c>, <c>2d</c>, <c>3d</c>.</summary>
    public string Name => Window.TotalHours >= 24 ? $"{Window.TotalDays:0}d" : Window.TotalMinutes >= 60 ? $"{Window.TotalHours:0}h" : $"{Window.TotalMinutes:0}m";
}

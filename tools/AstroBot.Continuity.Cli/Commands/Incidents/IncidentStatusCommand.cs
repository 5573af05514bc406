using System.CommandLine;
using AstroBot.Continuity.Availability.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Incidents;

/// <summary>
/// <c>continuity incident status [--json]</c>: the open or last incident, how many users wrote during it and how many were
/// told it was resolved, and the last incidents. Exit 0 (whatever the state), 3 storage unreachable.
/// </summary>
internal static class IncidentStatusCommand
{
    public static Command Create() =>
        StatusVerb.Create(
            "Show the open or last incident, how many users wrote during it and were told it was resolved, and the last incidents",
            (services, cancellationToken) => services.GetRequiredService<IncidentControl>().StatusAsync(cancellationToken),
            Show);

    private static void Show(IAnsiConsole console, IncidentStatus status)
    {
        if (status.Incident is not { } incident)
        {
            console.MarkupLine("No incident was ever opened.");
            return;
        }

        console.MarkupLine(status.Open
            ? $"Incident {incident.Id}: [yellow]open[/] since {Display.Time(incident.OpenedAt)} ({Display.Duration(status.CheckedAt - incident.OpenedAt)}), opened by {Markup.Escape(incident.OpenedBy)}."
            : $"Incident {incident.Id}: resolved at {Display.Time(incident.ResolvedAt)} by {Markup.Escape(incident.ResolvedBy ?? Display.None)}.");
        console.MarkupLineInterpolated($"Message: {incident.Message}");
        if (incident.Resolution is { } resolution)
        {
            console.MarkupLineInterpolated($"Resolution: {resolution}");
        }

        if (incident.Alerts.Count > 0)
        {
            console.MarkupLineInterpolated($"Alerts firing: {string.Join(", ", incident.Alerts)}");
        }

        console.MarkupLineInterpolated($"Users who wrote during it: {Display.Count(status.UsersWrote)}; told it was resolved: {Display.Count(status.UsersTold)}.");
        var table = new Table().AddColumns("id", "opened", "by", "resolved", "message");
        foreach (var past in status.Recent)
        {
            table.AddRow(
                Markup.Escape(past.Id),
                Display.Time(past.OpenedAt),
                Markup.Escape(past.OpenedBy),
                Display.Time(past.ResolvedAt),
                Markup.Escape(past.Message.Length > 60 ? past.Message[..57] + "..." : past.Message));
        }

        console.Write(table);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Drills;

namespace AstroBot.Continuity.Cli.Tests.LocalHost;

/// <summary>The drill routes as an operator uses them: start a drill, then follow its record until it is over.</summary>
internal static class DrillRoute
{
    /// <summary><c>POST /api/drills/{kind}</c> with <c>{"by": "test"}</c>: the drill's id (the start must be accepted).</summary>
    public static async Task<string> StartAsync(HttpClient http, Uri host, string kind, CancellationToken ct)
    {
        using var started = await http.PostAsync(new Uri(host, $"api/drills/{kind}"), JsonContent.Create(new { by = "test" }), ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("drill_id").GetString()!;
    }

    /// <summary>Reads <c>GET /api/drills/{id}</c> until the drill is over.</summary>
    public static async Task<DrillRecord> WaitUntilOverAsync(HttpClient http, Uri host, string drillId, CancellationToken ct)
    {
        while (true)
        {
            var record = await http.GetFromJsonAsync<DrillRecord>(new Uri(host, $"api/drills/{drillId}"), ApiJson.Options, ct);
            if (record!.IsOver)
            {
                return record;
            }

            await Task.Delay(250, ct);
        }
    }

    /// <summary>The record and its steps in one line, for an assertion's message.</summary>
    public static string Describe(DrillRecord record) =>
        record.Summary + " | " + string.Join(" | ", record.Steps.Select(step => $"{step.Name}: {step.Succeeded} {step.Detail}"));
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Drills;

namespace AstroBot.Continuity.Cli.Commands.Drills;

/// <summary>
/// A host's drill routes (<c>POST /api/drills/{kind}</c>, <c>GET /api/drills/{id}</c>), with the function key Azure wants
/// in <c>x-functions-key</c> when there is one.
/// </summary>
internal sealed class RemoteDrills(HttpClient http, Uri host)
{
    public const string FunctionKeyHeader = "x-functions-key";

    /// <summary>Starts a drill: its id and status URL, or why not.</summary>
    public async Task<(string? DrillId, DrillStartRefusal? Refusal)> StartAsync(DrillKind kind, string by, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(Route(DrillKinds.NameOf(kind)), new { by }, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            return (JsonDocument.Parse(body).RootElement.GetProperty("drill_id").GetString(), null);
        }

        var error = ErrorOf(body) ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
        var exitCode = response.StatusCode switch
        {
            HttpStatusCode.Conflict or HttpStatusCode.Forbidden => ExitCodes.Refused,
            HttpStatusCode.Unauthorized => ExitCodes.BadConfiguration,
            _ => ExitCodes.Failure,
        };
        var hint = response.StatusCode == HttpStatusCode.Unauthorized ? " Give the function key: --function-key, or CONTINUITY_FUNCTION_KEY." : string.Empty;
        return (null, new DrillStartRefusal(exitCode, $"{host} did not start the drill: {error}{hint}"));
    }

    /// <summary>The drill's record as the host has it.</summary>
    public async Task<DrillRecord> GetAsync(string drillId, CancellationToken ct) =>
        await http.GetFromJsonAsync<DrillRecord>(StatusUrl(drillId), ApiJson.Options, ct).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"{host} answered no record for drill {drillId}.");

    public Uri StatusUrl(string drillId) => Route(drillId);

    public Uri ReportUrl(string drillId) => Route(drillId + "/report");

    private Uri Route(string below) => new(host, $"{HttpRoutes.Prefix}/{HttpRoutes.Drills}/{below}");

    private static string? ErrorOf(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("error", out var error) ? error.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

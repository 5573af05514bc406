using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AstroBot.Continuity.Hosting;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Failover;

/// <summary>A host's automated-failover routes (<c>GET /api/failover</c>, <c>POST /api/failover/approve|reject</c>).</summary>
internal sealed class RemoteFailover(HttpClient http, Uri host)
{
    public async Task<(HttpStatusCode Status, JsonElement Body)> StatusAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(host, $"{HttpRoutes.Prefix}/{HttpRoutes.Failover}"), ct).ConfigureAwait(false);
        return (response.StatusCode, await BodyAsync(response, ct).ConfigureAwait(false));
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> AnswerAsync(bool approve, string by, CancellationToken ct)
    {
        var route = approve ? HttpRoutes.FailoverApprove : HttpRoutes.FailoverReject;
        using var response = await http.PostAsJsonAsync(new Uri(host, $"{HttpRoutes.Prefix}/{route}"), new { by }, ct).ConfigureAwait(false);
        return (response.StatusCode, await BodyAsync(response, ct).ConfigureAwait(false));
    }

    /// <summary>Writes what the host answered (its JSON with <c>--json</c>) and returns the exit code.</summary>
    public static int Show(CommandConsole console, HttpStatusCode status, JsonElement body)
    {
        if (status != HttpStatusCode.OK)
        {
            var error = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var said) ? said.GetString() : null;
            var exitCode = status switch
            {
                HttpStatusCode.Conflict => ExitCodes.Refused,
                HttpStatusCode.Unauthorized => ExitCodes.BadConfiguration,
                _ => ExitCodes.Failure,
            };
            return console.Fail(exitCode, error ?? $"The host answered {(int)status}.");
        }

        if (console.Json)
        {
            console.Out.WriteLine(body.GetRawText());
        }
        else if (body.TryGetProperty("answered", out var answered))
        {
            console.Ansi.MarkupLineInterpolated($"The automated failover was {answered.GetString()}.");
        }
        else
        {
            console.Ansi.MarkupLineInterpolated($"Automated failover: {body.GetProperty("state").GetString()} {body.GetProperty("phase").ToString()}");
            var table = new Table().AddColumns("at", "step", "decision");
            foreach (var decision in body.GetProperty("decisions").EnumerateArray())
            {
                table.AddRow(
                    Markup.Escape(decision.GetProperty("at").ToString()), Markup.Escape(decision.GetProperty("step").GetString() ?? ""), Markup.Escape(decision.GetProperty("said").GetString() ?? ""));
            }

            console.Ansi.Write(table);
        }

        return ExitCodes.Success;
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

using System.Net;
using System.Text.Json;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Recovery.Drills.Failover;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Local.FrontDoor;

/// <summary>
/// The local front door's control route, outside the <c>/api/*</c> it forwards, so a failover drill can move the
/// traffic as an operator changes Front Door's origin priorities (<see cref="FrontDoorControlSwitch"/> calls it):
/// <list type="bullet">
/// <item><c>GET /frontdoor/priorities</c>: the origins with their priorities, addresses and health, and the one taking
/// the traffic (<see cref="RegionLayout"/>).</item>
/// <item><c>PUT /frontdoor/priorities</c> with <c>{"order": ["region-2", "region-1"]}</c>: every origin once, priority 1
/// first; answers the layout after it. 400 saying what is wrong for anything else.</item>
/// </list>
/// Loopback callers only (403 otherwise): whoever reaches it moves the traffic.
/// </summary>
public static class PriorityControlEndpoint
{
    /// <summary>The route, outside <c>/api/*</c>.</summary>
    public const string Path = "/frontdoor/priorities";

    private const int MaxBodyBytes = 4 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, OriginTable origins) => FromLoopback(context) ?? Results.Json(Layout(origins), ApiJson.Options));
        app.MapPut(Path, PutAsync);
    }

    /// <summary>The origins as a <see cref="RegionLayout"/>: their ids are the region names.</summary>
    public static RegionLayout Layout(OriginTable origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        return new RegionLayout(
            [.. origins.Origins.Select(origin => new RegionPlace(origin.Id, origin.Priority, origin.Address, JsonNamingPolicy.SnakeCaseLower.ConvertName(origin.Health.State.ToString())))],
            origins.Route()?.Id);
    }

    private static async Task<IResult> PutAsync(HttpContext context, OriginTable origins, ILoggerFactory loggers)
    {
        if (FromLoopback(context) is { } refused)
        {
            return refused;
        }

        var (root, error) = await ApiJson.ReadObjectAsync(context.Request, MaxBodyBytes, "The body is larger than 4 KB.", context.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        if (OrderOf(root) is not { } order)
        {
            return ApiJson.Error(
                StatusCodes.Status400BadRequest,
                $"The body must be a JSON object {{\"order\": [\"region-2\", \"region-1\"]}} naming every origin once, priority 1 first (the origins are {string.Join(", ", origins.Origins.Select(origin => origin.Id))}).");
        }

        var before = string.Join(", ", origins.Origins.Select(origin => origin.Id));
        try
        {
            origins.Reorder(order);
        }
        catch (ArgumentException exception)
        {
            return ApiJson.Error(StatusCodes.Status400BadRequest, exception.Message.Split(" (Parameter", 2)[0]);
        }

        LogMessages.PrioritiesChanged(loggers.CreateLogger(typeof(PriorityControlEndpoint)), string.Join(", ", order), before);
        return Results.Json(Layout(origins), ApiJson.Options);
    }

    private static List<string>? OrderOf(JsonElement? root)
    {
        if (root is not { } body || !body.TryGetProperty("order", out var order) || order.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var ids = new List<string>();
        foreach (var item in order.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
            {
                return null;
            }

            ids.Add(item.GetString()!.Trim());
        }

        return ids.Count == 0 ? null : ids;
    }

    private static IResult? FromLoopback(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
            ? null
            : ApiJson.Error(StatusCodes.Status403Forbidden, "The front door's control route answers loopback callers only.");
}

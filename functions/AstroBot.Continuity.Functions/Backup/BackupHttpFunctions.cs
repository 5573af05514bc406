using AstroBot.Continuity.Backup.Health;
using AstroBot.Continuity.Backup.Restore;
using AstroBot.Continuity.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AstroBot.Continuity.Functions.Backup;

/// <summary>The operators' backup routes: status, and starting a restore. Both need a function key.</summary>
public sealed class BackupHttpFunctions(BackupStatusEndpoint status)
{
    [Function("BackupStatusHttp")]
    public async Task<IActionResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = HttpRoutes.BackupStatus)] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpResults.WriteAsync(await status.GetAsync(cancellationToken).ConfigureAwait(false), request.HttpContext).ConfigureAwait(false);

    /// <summary>
    /// Starts <see cref="RestoreOrchestrator"/> with the posted <see cref="RestoreRequest"/> (snake_case JSON) and answers
    /// 202 with the instance id; the orchestration refuses to overwrite unless the request says <c>force</c>.
    /// </summary>
    [Function("BackupRestoreStart")]
    public static async Task<IActionResult> StartRestoreAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = HttpRoutes.BackupRestore)] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        RestoreRequest? restore;
        try
        {
            restore = await request.ReadFromJsonAsync<RestoreRequest>(RestoreRequestJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
            restore = null;
        }

        if (restore is null)
        {
            return new BadRequestObjectResult(new { error = "The body must be a restore request: {\"backup_id\", \"at\", \"wa_id\", \"containers\", \"target_database\", \"force\", \"restore_id\"}." });
        }

        var instanceId = await client.ScheduleNewOrchestrationInstanceAsync(nameof(RestoreOrchestrator), restore, cancellationToken).ConfigureAwait(false);
        return new AcceptedResult((string?)null, new { instance_id = instanceId });
    }
}

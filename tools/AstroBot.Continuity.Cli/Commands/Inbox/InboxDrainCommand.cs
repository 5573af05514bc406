using System.CommandLine;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Availability.Inbox;
using AstroBot.Continuity.Availability.Maintenance;
using AstroBot.Continuity.Local.Availability.Inbox;
using AstroBot.Continuity.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands.Inbox;

/// <summary>
/// <c>continuity inbox drain --region-account NAME | --region-connection-string CS</c>: processes what another region
/// acknowledged and could not process itself (its app died, its account lives): its inbox queue, then its held queue,
/// through this configuration's processor and the shared ledger, so each message is handed over once, whichever region
/// gets to it. Exit 0 when both queues are empty at the end, 1 when messages remain (failing ones wait for their retry).
/// </summary>
internal static class InboxDrainCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--region-account")
        {
            Description = "The storage account of the region whose inbox to drain (signed in as the operator)",
            HelpName = "NAME",
        };
        var connectionString = new Option<string>("--region-connection-string")
        {
            Description = "Its connection string instead (the emulators, or an account with keys)",
            HelpName = "CS",
        };
        var command = new Command(
            "drain",
            "Process another region's inbox and held queue from here, when that region's app is down and its storage account is not: " +
            "each message is handed over once (the shared ledger), in order per user")
        {
            account, connectionString,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(account) is null == result.GetValue(connectionString) is null)
            {
                result.AddError("Name the region's storage account: --region-account NAME or --region-connection-string CS (one of them).");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = CommandConsole.For(parseResult);
            var configuration = new ConfigurationBuilder()
                .AddConfiguration(GlobalOptions.Configuration(parseResult))
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [$"{StorageOptions.SectionName}:{nameof(StorageOptions.RegionAccountName)}"] = parseResult.GetValue(account) ?? string.Empty,
                    [$"{StorageOptions.SectionName}:{nameof(StorageOptions.RegionConnectionString)}"] = parseResult.GetValue(connectionString) ?? string.Empty,
                })
                .Build();
            await using var services = BackendServices.Build(configuration, (parseResult.InvocationConfiguration as ContinuityInvocation)?.Time);
            var result = await DrainAsync(services, cancellationToken).ConfigureAwait(false);
            if (console.Json)
            {
                console.WriteJson(result);
            }
            else
            {
                Show(console.Ansi, result);
            }

            return result.InboxRemaining + result.Held.Remaining == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<InboxDrainResult> DrainAsync(IServiceProvider services, CancellationToken ct)
    {
        // The CLI starts no host whose initializer would create the shared ledger and bot queue (they exist in Azure).
        await services.GetRequiredService<MessageLedger>().EnsureCreatedAsync(ct).ConfigureAwait(false);
        await services.GetRequiredService<BotQueue>().EnsureCreatedAsync(ct).ConfigureAwait(false);

        // The inbox, then the held queue: while the held queue holds anything, the processor moves the inbox's webhooks
        // with users' messages behind it (they are newer), and its drain then takes them all in order.
        var pump = ActivatorUtilities.CreateInstance<QueueInboxPump>(services);
        var received = 0;
        for (int batch; (batch = await pump.DrainOnceAsync(ct).ConfigureAwait(false)) > 0;)
        {
            received += batch;
        }

        var held = await services.GetRequiredService<MaintenanceDrainJob>().DrainAsync(ct).ConfigureAwait(false);
        var inbox = services.GetRequiredService<StorageClients>().RegionQueues
            .GetQueueClient(services.GetRequiredService<IOptions<FrontDoorOptions>>().Value.InboxQueueName);
        var remaining = await QueueDepth.ReadAsync(inbox, ct).ConfigureAwait(false);
        return new InboxDrainResult(inbox.AccountName, received, remaining.ApproximateMessages, held);
    }

    private static void Show(IAnsiConsole console, InboxDrainResult result)
    {
        console.MarkupLineInterpolated(
            $"Inbox of {result.Account}: {Display.Count(result.InboxReceived)} received, {Display.Count(result.InboxRemaining)} remain (failing ones wait for their retry).");
        console.MarkupLineInterpolated(
            $"Held queue: {Display.Count(result.Held.Processed)} processed, {Display.Count(result.Held.Poisoned)} poisoned, {Display.Count(result.Held.Remaining)} remain ({result.Held.Outcome}).");
        console.MarkupLine(result.InboxRemaining + result.Held.Remaining == 0
            ? "[green]Both queues are empty.[/]"
            : "[yellow]Messages remain[/]: run it again, or see continuity inbox status.");
    }
}

/// <summary>What <c>continuity inbox drain</c> did.</summary>
/// <param name="Account">The region's storage account.</param>
/// <param name="InboxReceived">Inbox messages taken and processed (failures retried later or poisoned included).</param>
/// <param name="InboxRemaining">What its inbox still holds (approximate).</param>
/// <param name="Held">The run of the held queue's drain.</param>
internal sealed record InboxDrainResult(string Account, int InboxReceived, long InboxRemaining, MaintenanceDrainResult Held);

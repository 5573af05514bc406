using System.CommandLine;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Local.Data.Seed;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary><c>continuity seed --users N [--readings-per-user M] [--seed S]</c>: deterministic synthetic bot data.</summary>
internal static class SeedCommand
{
    /// <summary>The seed <c>continuity seed</c> (and so <c>eng/serve</c>'s demo data) uses unless told otherwise.</summary>
    public const int DefaultSeed = 22;

    public static Command Create()
    {
        var users = new Option<int>("--users")
        {
            Description = "How many synthetic users to write",
            Required = true,
        };
        var readings = new Option<int>("--readings-per-user")
        {
            Description = "Readings per user",
            DefaultValueFactory = _ => 10,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "The random seed: the same seed always writes the same documents",
            DefaultValueFactory = _ => DefaultSeed,
        };
        users.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > SeedRequest.MaxUsers)
            {
                result.AddError($"--users must be between 1 and {SeedRequest.MaxUsers:N0}.");
            }
        });
        readings.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--readings-per-user cannot be negative.");
            }
        });

        var command = new Command("seed", "Write realistic, deterministic synthetic users to the bot's Cosmos DB database (for demos, tests and benchmarks)") { users, readings, seed };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var services = new ServiceCollection()
                .AddLogging()
                .AddBotData(GlobalOptions.Configuration(parseResult))
                .AddSeedWriter()
                .BuildServiceProvider();
            var writer = services.GetRequiredService<SeedWriter>();
            var request = new SeedRequest(
                parseResult.GetValue(users),
                parseResult.GetValue(readings),
                parseResult.GetValue(seed),
                TimeProvider.System.GetUtcNow());

            var console = CommandConsole.For(parseResult);
            var result = console.ShowsProgress
                ? await WriteWithProgressAsync(console.Ansi, writer, request, cancellationToken).ConfigureAwait(false)
                : await writer.WriteAsync(request, null, cancellationToken).ConfigureAwait(false);
            Report(console, result);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Task<SeedResult> WriteWithProgressAsync(IAnsiConsole console, SeedWriter writer, SeedRequest request, CancellationToken cancellationToken) =>
        console.Progress().StartAsync(async context =>
        {
            // The item count per user varies, so the bar is indeterminate and the description counts items.
            var task = context.AddTask($"Seeding {request.Users:N0} users").IsIndeterminate();
            var progress = new Progress<SeedProgress>(step => task.Description = $"Seeding {request.Users:N0} users: {step.ItemsWritten:N0} items");
            var result = await writer.WriteAsync(request, progress, cancellationToken).ConfigureAwait(false);
            task.StopTask();
            return result;
        });

    private static void Report(CommandConsole console, SeedResult result)
    {
        if (console.Json)
        {
            console.WriteJson(result);
            return;
        }

        var table = new Table().AddColumns("container", "items");
        foreach (var (container, count) in result.ItemsPerContainer)
        {
            table.AddRow(container, count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        console.Ansi.Write(table);
        console.Ansi.MarkupLineInterpolated($"{result.Users:N0} users, {result.TotalItems:N0} items in {result.Elapsed.TotalSeconds:N1} s");
    }
}

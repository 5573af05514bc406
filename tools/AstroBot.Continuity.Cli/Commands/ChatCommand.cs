using System.CommandLine;
using AstroBot.Continuity.Cli.Chat;
using AstroBot.Continuity.Data.Seed;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Configuration;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary><c>continuity chat</c>: talk to the local host as a WhatsApp user, no Meta account needed.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var host = new Option<Uri>("--host")
        {
            Description = "The host to talk to",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:7071"),
            CustomParser = result => Uri.TryCreate(result.Tokens[^1].Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : Fail(result, "--host takes an absolute http(s) URL, such as http://127.0.0.1:7071"),
        };
        var waId = new Option<string>("--as")
        {
            Description = "The WhatsApp id (phone number, digits only) to write as; by default the first demo user (continuity seed's default seed), so EXPORT has data to show",
            DefaultValueFactory = _ => FirstDemoUser(),
        };
        var name = new Option<string>("--name")
        {
            Description = "The profile name WhatsApp shows for that user",
            DefaultValueFactory = _ => "Demo User",
        };
        var command = new Command("chat", "Talk to the local host as a WhatsApp user: lines you type are signed webhooks, replies come from the local Graph API sink") { host, waId, name };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = GlobalOptions.Configuration(parseResult);
            var whatsApp = configuration.GetSection(WhatsAppOptions.SectionName).Get<WhatsAppOptions>() ?? new WhatsAppOptions();
            var endpoints = new ChatEndpoints(
                new Uri(parseResult.GetRequiredValue(host), $"{HttpRoutes.Prefix}/{HttpRoutes.WhatsAppWebhook}"),
                new Uri(whatsApp.GraphApiBaseUrl.TrimEnd('/') + "/"),
                whatsApp.PhoneNumberId);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var session = new ChatSession(http, endpoints, new WebhookSignature(whatsApp.AppSecret), new ChatUser(parseResult.GetRequiredValue(waId), parseResult.GetRequiredValue(name)), TimeProvider.System);
            return await new ChatConsole(session, Console.In, AnsiConsole.Console).RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The wa_id of the first user <c>continuity seed</c> writes with its default seed (it depends on nothing else).</summary>
    private static string FirstDemoUser() =>
        SeedGenerator.GenerateUser(new SeedRequest(Users: 1, ReadingsPerUser: 0, SeedCommand.DefaultSeed, DateTimeOffset.UnixEpoch), 0).WaId;

    private static Uri Fail(System.CommandLine.Parsing.ArgumentResult result, string error)
    {
        result.AddError(error);
        return null!;
    }
}

using System.CommandLine;
using System.CommandLine.Parsing;
using AstroBot.Continuity.Cli.Chat;
using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Local.Data.Seed;
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
        var host = HostOption.Create("The host to talk to");
        host.DefaultValueFactory = _ => new Uri("http://127.0.0.1:7071");
        var waId = new Option<string>("--as")
        {
            Description = "The phone number (digits only) to write as, with a BSUID derived from it as WhatsApp sends both; " +
                          "by default the first demo user (continuity seed's default seed), so EXPORT has data to show",
            HelpName = "PHONE",
            DefaultValueFactory = _ => FirstDemoUser(),
        };
        waId.Validators.Add(result => Check(result, WaIdFormat.IsValid, "--as takes a phone number: digits only, country code first, as WhatsApp sends it."));
        var username = new Option<string?>("--username")
        {
            Description = "Write as a user with this WhatsApp username and no phone number (WhatsApp withholds it), " +
                          "with a BSUID derived from the username: the same name is the same person in every session",
            HelpName = "NAME",
            CustomParser = result => result.Tokens[^1].Value.TrimStart('@'),
        };
        username.Validators.Add(result => Check(result, IsUsername, "--username takes a WhatsApp username: letters, digits, '.' or '_', such as sheena.nelson."));
        var bsuid = new Option<string?>("--bsuid")
        {
            Description = "The business-scoped user ID to write with, instead of the derived one",
            HelpName = "ID",
        };
        bsuid.Validators.Add(result => Check(
            result, IsBsuid, "--bsuid takes a business-scoped user ID: a two-letter country code, a period and up to 128 letters or digits, such as US.13491208655302741918."));
        var name = new Option<string>("--name")
        {
            Description = "The profile name WhatsApp shows for that user",
            DefaultValueFactory = _ => "Demo User",
        };
        var command = new Command(
            "chat",
            "Talk to the local host as a WhatsApp user: lines you type are signed webhooks, replies come from the local Graph API sink. " +
            "In the chat, /number NEW changes your phone number as WhatsApp does (a user_changed_number system message, or " +
            "user_changed_user_id for a username user), and /quit leaves")
        {
            host, waId, username, bsuid, name,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(waId) is { Implicit: false } && result.GetResult(username) is not null)
            {
                result.AddError("--as and --username cannot be combined: a username user writes without a phone number.");
            }
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = GlobalOptions.Configuration(parseResult);
            var whatsApp = configuration.GetSection(WhatsAppOptions.SectionName).Get<WhatsAppOptions>() ?? new WhatsAppOptions();
            var endpoints = new ChatEndpoints(
                new Uri(parseResult.GetRequiredValue(host), $"{HttpRoutes.Prefix}/{HttpRoutes.WhatsAppWebhook}"),
                new Uri(whatsApp.GraphApiBaseUrl.TrimEnd('/') + "/"),
                whatsApp.PhoneNumberId);
            var profileName = parseResult.GetRequiredValue(name);
            var user = parseResult.GetValue(username) is { } handle
                ? ChatUser.WithUsername(handle, profileName, parseResult.GetValue(bsuid))
                : ChatUser.WithPhone(parseResult.GetRequiredValue(waId), profileName, parseResult.GetValue(bsuid));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var session = new ChatSession(http, endpoints, new WebhookSignature(whatsApp.AppSecret), user, TimeProvider.System);
            return await new ChatConsole(session, Console.In, AnsiConsole.Console).RunAsync(cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The wa_id of the first user <c>continuity seed</c> writes with its default seed (it depends on nothing else).</summary>
    private static string FirstDemoUser() =>
        SeedGenerator.GenerateUser(new SeedRequest(Users: 1, ReadingsPerUser: 0, SeedCommand.DefaultSeed, DateTimeOffset.UnixEpoch), 0).WaId;

    // Meta's documented shape, without the parent form: a chat user writes with their own BSUID.
    private static bool IsBsuid(string? value) => BsuidFormat.IsDocumented(value) && !value!.AsSpan(3).StartsWith("ENT.");

    private static bool IsUsername(string? value) =>
        value is { Length: > 0 and <= 35 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_');

    private static void Check(OptionResult result, Func<string?, bool> isValid, string error)
    {
        if (result.GetValueOrDefault<string?>() is { } value && !isValid(value))
        {
            result.AddError(error);
        }
    }
}

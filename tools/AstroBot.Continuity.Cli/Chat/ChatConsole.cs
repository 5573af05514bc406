using AstroBot.Continuity.Cli.Commands;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.WhatsApp;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>
/// The terminal side of <c>continuity chat</c>: one line in, the bot's replies out, until end of input or <c>/quit</c>;
/// <c>/number NEW</c> changes the user's phone number as WhatsApp does.
/// </summary>
internal sealed class ChatConsole(ChatSession session, TextReader input, IAnsiConsole output)
{
    private const string NumberCommand = "/number";
    private static readonly TimeSpan LateReplyPoll = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            output.MarkupLineInterpolated($"[red]The local Graph API sink does not answer ({exception.Message}). Is `continuity serve` running?[/]");
            return ExitCodes.Unreachable;
        }

        output.MarkupLineInterpolated($"[grey]Talking to AstroBot as {session.User.Describe()}. Try HELP. /number NEW changes your phone number; /quit or end of input leaves.[/]");
        // Console.In reads synchronously: on its own thread, so replies that come later (an export's link) are
        // shown while the person is still to type.
        var nextLine = Task.Run(() => input.ReadLine(), cancellationToken);
        try
        {
            while (true)
            {
                if (await Task.WhenAny(nextLine, Task.Delay(LateReplyPoll, cancellationToken)).ConfigureAwait(false) != nextLine)
                {
                    Show(await session.LateRepliesAsync(cancellationToken).ConfigureAwait(false));
                    continue;
                }

                var line = (await nextLine.ConfigureAwait(false))?.Trim();
                if (line is null or "/quit")
                {
                    return ExitCodes.Success;
                }

                if (line == NumberCommand || line.StartsWith(NumberCommand + " ", StringComparison.Ordinal))
                {
                    await ChangeNumberAsync(line[NumberCommand.Length..].Trim(), cancellationToken).ConfigureAwait(false);
                }
                else if (line.Length > 0)
                {
                    Show(await session.SayAsync(line, cancellationToken).ConfigureAwait(false));
                }

                nextLine = Task.Run(() => input.ReadLine(), cancellationToken);
            }
        }
        catch (HttpRequestException exception)
        {
            output.MarkupLineInterpolated($"[red]The host does not answer ({exception.Message}). Is `continuity serve` running?[/]");
            return ExitCodes.Unreachable;
        }
    }

    private async Task ChangeNumberAsync(string phone, CancellationToken cancellationToken)
    {
        if (!WaIdFormat.IsValid(phone))
        {
            output.MarkupLine("[red]/number takes the new phone number, digits only, country code first: /number 15550002002[/]");
            return;
        }

        var change = await session.ChangeNumberAsync(phone, cancellationToken).ConfigureAwait(false);
        switch (change.Outcome)
        {
            case ChatNumberChangeOutcome.Unchanged:
                output.MarkupLineInterpolated($"[grey]{phone} is already your number; nothing changed.[/]");
                break;
            case ChatNumberChangeOutcome.Refused:
                output.MarkupLineInterpolated($"[red]The host answered {change.WebhookStatus} to the {change.SystemMessage} message; your number stays as it was.[/]");
                break;
            case ChatNumberChangeOutcome.Changed when change.Before.HidesNumber:
                output.MarkupLineInterpolated(
                    $"[grey]Your number is now {phone}, which WhatsApp does not share: your BSUID changed from {change.Before.Identifiers.Bsuid} to {change.After.Identifiers.Bsuid} ({change.SystemMessage} sent).[/]");
                break;
            default:
                output.MarkupLineInterpolated(
                    $"[grey]Your number changed from {change.Before.Identifiers.Phone} to {phone}, your BSUID from {change.Before.Identifiers.Bsuid} to {change.After.Identifiers.Bsuid} ({change.SystemMessage} sent).[/]");
                break;
        }
    }

    private void Show(ChatExchange exchange)
    {
        if (exchange.WebhookStatus != 200)
        {
            output.MarkupLineInterpolated($"[red]The host answered {exchange.WebhookStatus}; WhatsApp would retry this message.[/]");
            return;
        }

        if (exchange.Replies.Count == 0)
        {
            output.MarkupLine("[grey](no reply yet)[/]");
        }

        Show(exchange.Replies);
    }

    private void Show(IEnumerable<SinkMessage> replies)
    {
        foreach (var reply in replies)
        {
            output.MarkupLineInterpolated($"[blue]astrobot>[/] {Describe(reply)}");
            if (reply is { Type: "document", DocumentLink: { } link })
            {
                // Raw, on a line of its own: the console would wrap it, and a wrapped link does not copy whole.
                output.Profile.Out.Writer.WriteLine(link);
            }
        }
    }

    private static string Describe(SinkMessage reply) => reply.Type switch
    {
        "text" => reply.Text ?? "",
        "document" => $"[document {reply.DocumentFileName}] {reply.Caption}",
        "template" => $"[template {reply.TemplateName} ({reply.TemplateLanguage})]",
        _ => $"[{reply.Type}]",
    };
}

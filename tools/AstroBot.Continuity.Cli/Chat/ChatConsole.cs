using AstroBot.Continuity.Cli.Commands;
using AstroBot.Continuity.WhatsApp.Sink;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>The terminal side of <c>continuity chat</c>: one line in, the bot's replies out, until end of input or <c>/quit</c>.</summary>
internal sealed class ChatConsole(ChatSession session, TextReader input, IAnsiConsole output)
{
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

        output.MarkupLine("[grey]Talking to AstroBot as a WhatsApp user. Try HELP. /quit or end of input leaves.[/]");
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            var text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (text == "/quit")
            {
                break;
            }

            ChatExchange exchange;
            try
            {
                exchange = await session.SayAsync(text, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                output.MarkupLineInterpolated($"[red]The host does not answer ({exception.Message}). Is `continuity serve` running?[/]");
                return ExitCodes.Unreachable;
            }

            Show(exchange);
        }

        return ExitCodes.Success;
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

        foreach (var reply in exchange.Replies)
        {
            output.MarkupLineInterpolated($"[blue]astrobot>[/] {Describe(reply)}");
        }
    }

    private static string Describe(SinkMessage reply) => reply.Type switch
    {
        "text" => reply.Text ?? "",
        "document" => $"[document {reply.DocumentFileName}] {reply.Caption} {reply.DocumentLink}",
        "template" => $"[template {reply.TemplateName} ({reply.TemplateLanguage})]",
        _ => $"[{reply.Type}]",
    };
}

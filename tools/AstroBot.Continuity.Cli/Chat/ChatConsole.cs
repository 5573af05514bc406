using AstroBot.Continuity.Cli.Commands;
using AstroBot.Continuity.WhatsApp.Sink;
using Spectre.Console;

namespace AstroBot.Continuity.Cli.Chat;

/// <summary>The terminal side of <c>continuity chat</c>: one line in, the bot's replies out, until end of input or <c>/quit</c>.</summary>
internal sealed class ChatConsole(ChatSession session, TextReader input, IAnsiConsole output)
{
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

        output.MarkupLine("[grey]Talking to AstroBot as a WhatsApp user. Try HELP. /quit or end of input leaves.[/]");
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

                if (line.Length > 0)
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

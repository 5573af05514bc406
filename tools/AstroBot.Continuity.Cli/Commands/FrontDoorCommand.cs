using System.CommandLine;
using System.CommandLine.Parsing;
using AstroBot.Continuity.Local.FrontDoor;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// <c>continuity frontdoor --origin URL [--origin URL ...] [--listen URL] [--graph-sink URL]</c>: the local twin of
/// Azure Front Door in front of local regions (<c>continuity serve</c> instances); <c>eng/serve --regions 2</c> runs it.
/// </summary>
internal static class FrontDoorCommand
{
    public static Command Create()
    {
        var listen = new Option<string?>("--listen")
        {
            Description = "Where the front door listens (default LocalFrontDoor:Listen, http://127.0.0.1:7071, where continuity chat talks)",
            HelpName = "URL",
        };
        listen.Validators.Add(result => Check(result, "--listen takes an absolute http(s) URL, such as http://127.0.0.1:7071"));
        var origins = new Option<string[]>("--origin")
        {
            Description = "A region's base URL, repeatable, in priority order: the first is the primary (priority 1), the next takes over " +
                          "when it is unhealthy (default LocalFrontDoor:Origins)",
            HelpName = "URL",
            AllowMultipleArgumentsPerToken = false,
        };
        origins.Validators.Add(result => Check(result, "--origin takes an absolute http(s) URL, such as http://127.0.0.1:7073"));
        var graphSink = new Option<string?>("--graph-sink")
        {
            Description = "Also run the local Graph API sink on this URL, outside every region as Meta's Graph API is, so replies from " +
                          "either region land in one place and outlive a region (point the regions' WhatsApp:GraphApiBaseUrl at it)",
            HelpName = "URL",
        };
        graphSink.Validators.Add(result => Check(result, "--graph-sink takes an absolute http(s) URL, such as http://127.0.0.1:7072"));

        var command = new Command(
            "frontdoor",
            "Run the local twin of Azure Front Door in front of local regions (continuity serve instances): probes each on /api/health/ready, " +
            "sends every /api request to the healthy origin of lowest priority number (the first --origin), takes a returning origin back only " +
            "after a restoration delay, and answers 503 with Retry-After while none is healthy. Probe settings: LocalFrontDoor:* (docs/availability.md)")
        {
            listen, origins, graphSink,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var configuration = GlobalOptions.Configuration(parseResult);
            var options = configuration.GetSection(LocalFrontDoorOptions.SectionName).Get<LocalFrontDoorOptions>() ?? new LocalFrontDoorOptions();
            if (parseResult.GetValue(listen) is { } url)
            {
                options.Listen = url;
            }

            if (parseResult.GetValue(origins) is { Length: > 0 } addresses)
            {
                options.Origins = [.. addresses];
            }

            await using var app = LocalFrontDoor.Build(options, logging => logging.AddConfiguration(configuration.GetSection("Logging")));
            await using var sink = parseResult.GetValue(graphSink) is { } sinkUrl
                ? await GraphApiSink.StartAsync(sinkUrl, cancellationToken).ConfigureAwait(false)
                : null;
            if (sink is not null)
            {
                LogMessages.GraphSinkStarted(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FrontDoorCommand)), sink.BaseUri);
            }

            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Check(OptionResult result, string error)
    {
        foreach (var token in result.Tokens)
        {
            if (!Uri.TryCreate(token.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"{error}, not '{token.Value}'.");
            }
        }
    }
}

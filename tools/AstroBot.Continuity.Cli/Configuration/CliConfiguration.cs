using Microsoft.Extensions.Configuration;

namespace AstroBot.Continuity.Cli.Configuration;

/// <summary>
/// The CLI and the local host read the same keys as the Functions app, from (later wins): the embedded
/// defaults in appsettings.json (the local emulators), environment variables (<c>WhatsApp__AppSecret</c>),
/// and <c>--config KEY=VALUE</c> on the command line.
/// </summary>
internal static class CliConfiguration
{
    public static IConfigurationRoot Build(IEnumerable<string> overrides) =>
        new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(ParseOverrides(overrides))
            .Build();

    internal static IEnumerable<KeyValuePair<string, string?>> ParseOverrides(IEnumerable<string> overrides)
    {
        foreach (var pair in overrides)
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new FormatException($"--config takes KEY=VALUE (for example WhatsApp:GraphApiBaseUrl=http://127.0.0.1:7072), not '{pair}'.");
            }

            yield return new(pair[..separator].Replace("__", ":", StringComparison.Ordinal), pair[(separator + 1)..]);
        }
    }
}

using System.CommandLine;
using AstroBot.Continuity.Cli.Configuration;
using Microsoft.Extensions.Configuration;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>Options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string[]> Config = new("--config", "-c")
    {
        Description = "A setting as KEY=VALUE (for example Cosmos:DatabaseName=demo); repeatable; wins over environment variables",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Write machine-readable JSON to stdout instead of tables and progress bars",
        Recursive = true,
    };

    public static IConfigurationRoot Configuration(ParseResult parseResult) =>
        CliConfiguration.Build(parseResult.GetValue(Config) ?? []);
}

using System.CommandLine;
using System.CommandLine.Parsing;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>Options that take a WhatsApp id (<c>--user</c>, <c>--as</c>): digits only, checked at parse time (exit 2).</summary>
internal static class WhatsAppId
{
    public const string HelpName = "WA_ID";

    public static Option<string?> Option(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = HelpName };
        option.Validators.Add(Validate);
        return option;
    }

    /// <inheritdoc cref="WaIdFormat.IsValid"/>
    public static bool IsValid(string? value) => WaIdFormat.IsValid(value);

    public static void Validate(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } value && !IsValid(value))
        {
            result.AddError($"{result.Option.Name} takes a WhatsApp id: digits only, as WhatsApp sends it.");
        }
    }
}

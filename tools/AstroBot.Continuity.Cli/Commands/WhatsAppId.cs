using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>Options that take a WhatsApp id (<c>--user</c>, <c>--as</c>): digits only, checked at parse time (exit 2).</summary>
internal static partial class WhatsAppId
{
    public const string HelpName = "WA_ID";

    public static Option<string?> Option(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = HelpName };
        option.Validators.Add(Validate);
        return option;
    }

    /// <summary>True for digits only, 1 to 20 of them: what WhatsApp sends, and a safe file name.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    public static void Validate(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } value && !IsValid(value))
        {
            result.AddError($"{result.Option.Name} takes a WhatsApp id: digits only, as WhatsApp sends it.");
        }
    }

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex Pattern();
}

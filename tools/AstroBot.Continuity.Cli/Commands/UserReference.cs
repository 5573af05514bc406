using System.CommandLine;
using System.CommandLine.Parsing;
using AstroBot.Continuity.Identity;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// What an operator types to name a person (<c>--user</c>, <c>--as</c>, <c>identity show ID</c>): their key or any
/// identifier they have or had. Checked for its form at parse time (exit 2); who it names is the identity
/// directory's answer at run time (<see cref="UserKeys"/>).
/// </summary>
internal static class UserReference
{
    public const string HelpName = "USER";

    /// <summary>The forms of an identifier, for error messages.</summary>
    public const string IdentifierForms =
        "a phone number (digits only, as WhatsApp sends it), a BSUID (US.13491208655302741918), a parent BSUID (US.ENT.11815799212886844830), " +
        "@username, or phone:, bsuid:, parent_bsuid: or username: and a value";

    /// <summary>Every form accepted, for error messages.</summary>
    public const string Forms = "a user key (u- and 24 hex digits, or key: and any user key, also a phone-number key whose number moved on), " + IdentifierForms;

    public static Option<string?> Option(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = HelpName };
        option.Validators.Add(Validate);
        return option;
    }

    /// <summary>True for a minted user key or an identifier <see cref="Identifier.TryParse"/> reads.</summary>
    public static bool IsValid(string? value) =>
        UserKey.IsMinted(value?.Trim())
        || Identifier.TryParse(value, out _)
        || (value?.Trim() is { } text && text.StartsWith(IdentityLookup.KeyPrefix, StringComparison.Ordinal) && UserKey.IsValid(text[IdentityLookup.KeyPrefix.Length..]));

    public static void Validate(OptionResult result)
    {
        if (result.GetValueOrDefault<string?>() is { } value && !IsValid(value))
        {
            result.AddError($"{result.Option.Name} takes a user key or any identifier of theirs: {Forms}.");
        }
    }
}

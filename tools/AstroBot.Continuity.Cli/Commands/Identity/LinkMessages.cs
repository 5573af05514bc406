using AstroBot.Continuity.Identity;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>What <c>identity link</c> tells the operator about each outcome.</summary>
internal static class LinkMessages
{
    public static string Describe(LinkResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (identifier, key, other) = (result.Identifier, result.UserKey, result.OtherPerson);
        return result.Outcome switch
        {
            ManualLinkOutcome.Linked => $"Linked {identifier} to {key}.",
            ManualLinkOutcome.AlreadyLinked => $"{identifier} already belongs to {key}; nothing changed.",
            ManualLinkOutcome.Moved =>
                $"Moved {identifier} from {other} to {key}: {other} no longer has it. Their data stayed with them; merging data is a separate procedure " +
                $"(export --user key:{other}, import --as key:{key}, erase --user key:{other}).",
            ManualLinkOutcome.HeldByAnother =>
                $"Not linked: {identifier} belongs to {other}. --move takes it from them (they lose it, and their data stays with them). " +
                $"To merge the two people's data instead, that is a separate procedure: continuity export --user key:{other} --out FILE.zip, " +
                $"continuity import FILE.zip --as key:{key}, then continuity erase --user key:{other}.",
            _ => $"Not linked: {key} is not a person the identity directory knows (or they are being erased).",
        };
    }
}

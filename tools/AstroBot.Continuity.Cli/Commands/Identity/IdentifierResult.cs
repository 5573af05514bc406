using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>An identifier in <c>--json</c> output: <c>{"kind": "phone", "value": "15550001001"}</c>; kinds are <c>phone</c>, <c>bsuid</c>, <c>parent_bsuid</c>, <c>username</c>.</summary>
internal sealed record IdentifierResult(string Kind, string Value)
{
    public static IdentifierResult From(Identifier identifier) => new(identifier.KindName, identifier.Value);

    public static IdentifierResult From(MessageRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return new(recipient.Kind, recipient.Value);
    }

    /// <summary><c>kind:value</c>, as operators type it.</summary>
    public override string ToString() => $"{Kind}:{Value}";
}

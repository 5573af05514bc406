using System.Security.Cryptography;
using System.Text;
using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Identity;

/// <summary>One identifier of a WhatsApp user: its kind and value as Meta sent it.</summary>
public readonly record struct Identifier(IdentifierKind Kind, string Value)
{
    /// <summary>True for the kinds that tell who wrote (phone number, BSUID, parent BSUID); usernames only describe.</summary>
    public bool Resolves => Kind != IdentifierKind.Username;

    /// <summary>
    /// Which identifier decides when a webhook's identifiers point at two people: the BSUID (Meta sends it with every
    /// webhook from now on) first, then the parent BSUID, then the phone number; usernames never decide.
    /// </summary>
    public int Precedence => Kind switch
    {
        IdentifierKind.Bsuid => 0,
        IdentifierKind.ParentBsuid => 1,
        IdentifierKind.Phone => 2,
        _ => 3,
    };

    /// <summary>The kind as written in the directory, exports and CLI output: <c>phone</c>, <c>bsuid</c>, <c>parent_bsuid</c>, <c>username</c>.</summary>
    public string KindName => NameOf(Kind);

    /// <summary>
    /// The directory's row key for this identifier: lowercase hex SHA-256 of <c>kind:value</c>. Fixed length and
    /// free of characters tables refuse, whatever Meta sends; the value itself is kept only in the person's row.
    /// </summary>
    public string DirectoryKey => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{KindName}:{Value}")));

    /// <summary>Every identifier in <paramref name="identifiers"/>, phone number first.</summary>
    public static IReadOnlyList<Identifier> Of(UserIdentifiers identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var all = new List<Identifier>(4);
        Add(all, IdentifierKind.Phone, identifiers.Phone);
        Add(all, IdentifierKind.Bsuid, identifiers.Bsuid);
        Add(all, IdentifierKind.ParentBsuid, identifiers.ParentBsuid);
        Add(all, IdentifierKind.Username, identifiers.Username);
        return all;
    }

    /// <summary>
    /// Reads what an operator typed: <c>phone:</c> (digits only), <c>bsuid:</c>, <c>parent_bsuid:</c> or <c>username:</c>
    /// and a value; or, without a prefix, digits (a phone number), <c>CC.ENT.x</c> (a parent BSUID), <c>CC.x</c> (a BSUID)
    /// or <c>@name</c> (a username).
    /// </summary>
    public static bool TryParse(string? text, out Identifier identifier)
    {
        identifier = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        foreach (var kind in Enum.GetValues<IdentifierKind>())
        {
            var prefix = NameOf(kind) + ":";
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                var value = text[prefix.Length..];
                identifier = new Identifier(kind, value);
                return value.Length > 0 && (kind != IdentifierKind.Phone || WaIdFormat.IsValid(value));
            }
        }

        identifier = text switch
        {
            _ when WaIdFormat.IsValid(text) => new Identifier(IdentifierKind.Phone, text),
            ['@', .. var name] when name.Length > 0 => new Identifier(IdentifierKind.Username, name),
            _ when text.Length > 3 && text[2] == '.' && text.AsSpan(3).StartsWith("ENT.") => new Identifier(IdentifierKind.ParentBsuid, text),
            _ when text.Length > 3 && text[2] == '.' => new Identifier(IdentifierKind.Bsuid, text),
            _ => default,
        };
        return identifier.Value is not null;
    }

    /// <summary>The kind for its written name (<see cref="KindName"/>).</summary>
    public static bool TryParseKind(string? name, out IdentifierKind kind)
    {
        foreach (var candidate in Enum.GetValues<IdentifierKind>())
        {
            if (NameOf(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary><c>kind:value</c>. Personal data: for operators' screens and exports, never for logs.</summary>
    public override string ToString() => $"{KindName}:{Value}";

    private static string NameOf(IdentifierKind kind) => kind switch
    {
        IdentifierKind.Phone => "phone",
        IdentifierKind.Bsuid => "bsuid",
        IdentifierKind.ParentBsuid => "parent_bsuid",
        IdentifierKind.Username => "username",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an identifier kind."),
    };

    private static void Add(List<Identifier> all, IdentifierKind kind, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            all.Add(new Identifier(kind, value));
        }
    }
}

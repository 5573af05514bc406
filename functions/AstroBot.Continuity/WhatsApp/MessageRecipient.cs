namespace AstroBot.Continuity.WhatsApp;

/// <summary>
/// Who a message the bot sends goes to: a phone number (Graph's <c>to</c>) or a business-scoped user ID (Graph's
/// <c>recipient</c>), exactly one of them. Meta recommends the phone number wherever it is known.
/// </summary>
public sealed record MessageRecipient
{
    private MessageRecipient(string? phone, string? bsuid)
    {
        Phone = phone;
        Bsuid = bsuid;
    }

    /// <summary>The phone number (<c>wa_id</c>), or null when addressed by BSUID.</summary>
    public string? Phone { get; }

    /// <summary>The BSUID, or null when addressed by phone number.</summary>
    public string? Bsuid { get; }

    /// <summary>The address as Graph takes it: the phone number or the BSUID.</summary>
    public string Value => Phone ?? Bsuid!;

    /// <summary>Addressed by phone number: <c>"to": "15551234567"</c>.</summary>
    public static MessageRecipient ToPhone(string phone)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        return new(phone, null);
    }

    /// <summary>Addressed by business-scoped user ID: <c>"recipient": "US.13491208655302741918"</c>.</summary>
    public static MessageRecipient ToBsuid(string bsuid)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bsuid);
        return new(null, bsuid);
    }

    /// <summary>The address without its value, for logs: <c>phone</c> or <c>bsuid</c>.</summary>
    public string Kind => Phone is not null ? "phone" : "bsuid";

    /// <inheritdoc />
    public override string ToString() => Kind; // never the value: it is personal data
}

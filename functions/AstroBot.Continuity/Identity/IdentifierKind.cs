namespace AstroBot.Continuity.Identity;

/// <summary>The kinds of identifier WhatsApp gives a user.</summary>
public enum IdentifierKind
{
    /// <summary>The phone number (<c>wa_id</c>): digits, country code first.</summary>
    Phone = 1,

    /// <summary>The business-scoped user ID, e.g. <c>US.13491208655302741918</c>; regenerated when the phone number changes.</summary>
    Bsuid = 2,

    /// <summary>The parent BSUID shared across a managed business's portfolios, e.g. <c>US.ENT.11815799212886844830</c>.</summary>
    ParentBsuid = 3,

    /// <summary>The WhatsApp username. Recorded and searchable, but never used to tell who wrote: users change them and others may take them up.</summary>
    Username = 4,
}

namespace AstroBot.Continuity.Bench.Identity;

/// <summary>The ways the inbox comparison processes messages; each round runs all of them, one after the other.</summary>
internal enum InboxScenario
{
    /// <summary>The real <c>InboxProcessor</c>; every sender already in the directory (steady state).</summary>
    KnownUsers,

    /// <summary>The same inbox work without the directory (<see cref="BareInboxWork"/>), for the same senders.</summary>
    Bare,

    /// <summary>
    /// The two above in one stream, message by message (with the directory at even indexes, without at odd ones): both
    /// see the same moments of the machine, so their times per message compare side by side.
    /// </summary>
    Interleaved,

    /// <summary><c>IdentityResolver.ResolveAsync</c> alone for the same senders: the directory's own work, nothing else.</summary>
    DirectoryAlone,

    /// <summary>The real <c>InboxProcessor</c>; every sender new to the directory (their first message).</summary>
    FirstContacts,
}

using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Tests.Identity;

/// <summary>The identity changes Meta's system messages carry, as the parser reads them.</summary>
internal static class IdentityChanges
{
    private static int wamids;

    public static IdentityChange NumberChanged(string? oldPhone, string? oldBsuid, string newPhone, string newBsuid, DateTimeOffset at, string? wamid = null) =>
        new(wamid ?? NextWamid(), IdentityChangeKind.NumberChanged, new UserIdentifiers(oldPhone, oldBsuid), new UserIdentifiers(newPhone, newBsuid), at);

    public static IdentityChange BsuidChanged(string? phone, string oldBsuid, string newBsuid, DateTimeOffset at) =>
        new(NextWamid(), IdentityChangeKind.BsuidChanged, new UserIdentifiers(phone, oldBsuid), new UserIdentifiers(phone, newBsuid), at);

    private static string NextWamid() => $"wamid.system-{Interlocked.Increment(ref wamids)}-{Guid.NewGuid():N}";
}

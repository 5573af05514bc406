using AstroBot.Continuity.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// The key of the person a <see cref="UserReference"/> names, from the identity directory: every command that
/// takes a user acts on the person's key, so whichever identifier the operator has, the whole person is meant.
/// </summary>
internal static class UserKeys
{
    /// <summary>
    /// The person's key; null when nobody matches. A phone number the directory never saw is its own key (how
    /// people the bot knew before the directory are keyed), so it always matches.
    /// </summary>
    public static async Task<string?> FindAsync(IServiceProvider services, string reference, CancellationToken cancellationToken) =>
        (await services.GetRequiredService<IdentityLookup>().FindAsync(reference, cancellationToken).ConfigureAwait(false))?.UserKey;

    /// <summary>What to tell the operator when <paramref name="reference"/> names nobody.</summary>
    public static string Nobody(string reference) =>
        $"Nobody matches '{reference}': the identity directory has no active person with that key or identifier. " +
        $"continuity identity show looks people up by any identifier they have or had.";
}

using AstroBot.Continuity.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Commands.Identity;

/// <summary>
/// The person <c>identity show</c> and <c>identity link --to</c> name. The lookup takes a phone number the directory
/// never saw for its own key; here that counts only when the bot holds an account under it (someone it knew before
/// the directory), so a mistyped number is nobody rather than an empty person.
/// </summary>
internal static class KnownPerson
{
    public static async Task<PersonMatch?> FindAsync(IServiceProvider services, string reference, CancellationToken cancellationToken)
    {
        var match = await services.GetRequiredService<IdentityLookup>().FindAsync(reference, cancellationToken).ConfigureAwait(false);
        return match is { Person: null }
            && !await services.GetRequiredService<LegacyUserData>().ExistsAsync(match.UserKey, cancellationToken).ConfigureAwait(false)
                ? null
                : match;
    }

    /// <summary>What to tell the operator when <paramref name="reference"/> names nobody.</summary>
    public static string Nobody(string reference) =>
        $"Nobody matches '{reference}': the identity directory has no active person with that key or identifier, and the bot holds no account under it.";
}

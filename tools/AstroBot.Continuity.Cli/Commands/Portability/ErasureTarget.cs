using AstroBot.Continuity.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>The key <c>erase --user</c> erases: the person the user reference names, or the one an erasure left half-done.</summary>
internal static class ErasureTarget
{
    /// <summary>The person's key; null when nobody matches.</summary>
    public static async Task<string?> FindAsync(IServiceProvider services, string user, CancellationToken cancellationToken)
    {
        if (await UserKeys.FindAsync(services, user, cancellationToken).ConfigureAwait(false) is { } key)
        {
            return key;
        }

        // An erasure that stopped in its last step (the directory) left the person marked as being erased: no
        // identifier finds them any more, but their key does, so rerunning with it finishes the job.
        var text = user.Trim();
        return UserKey.IsValid(text)
            && await services.GetRequiredService<IdentityDirectory>().GetPersonAsync(text, cancellationToken).ConfigureAwait(false) is { State: PersonState.Erasing }
                ? text
                : null;
    }
}

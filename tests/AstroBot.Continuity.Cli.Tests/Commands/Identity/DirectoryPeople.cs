using AstroBot.Continuity.Identity;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.Tests.Commands.Identity;

/// <summary>
/// Puts people into a world's identity directory the way WhatsApp's webhooks do: a message through the resolver,
/// a change of number through the change applier. The services are the CLI's own registration.
/// </summary>
public sealed class DirectoryPeople(CliHarness cli) : IAsyncDisposable
{
    public static readonly DateTimeOffset FirstSeen = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider services = cli.BuildServices();

    /// <summary>A message from <paramref name="identifiers"/>: the person it resolves to, created or linked as needed.</summary>
    public Task<PersonRecord> WriteAsync(UserIdentifiers identifiers, DateTimeOffset? at = null) =>
        services.GetRequiredService<IdentityResolver>().ResolveAsync(identifiers, at ?? FirstSeen, CancellationToken.None);

    /// <summary>A system message saying <paramref name="previous"/> changed number to <paramref name="current"/>.</summary>
    public async Task<PersonRecord> ChangeNumberAsync(UserIdentifiers previous, UserIdentifiers current, DateTimeOffset at)
    {
        var change = new IdentityChange($"wamid.test-{Guid.NewGuid():N}", IdentityChangeKind.NumberChanged, previous, current, at);
        var applied = await services.GetRequiredService<IdentityChangeApplier>().ApplyAsync(change, CancellationToken.None);
        return Assert.IsType<IdentityChangeResult>(applied).Person;
    }

    /// <summary>The person <paramref name="reference"/> names now, as the CLI finds them.</summary>
    public Task<PersonMatch?> FindAsync(string reference) => services.GetRequiredService<IdentityLookup>().FindAsync(reference, CancellationToken.None);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}

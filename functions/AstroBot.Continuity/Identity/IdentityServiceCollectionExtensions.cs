using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AstroBot.Continuity.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers the identity directory for both hosts: <see cref="IdentityOptions"/> (section <c>Identity</c>,
    /// validated on start), the directory, the resolver, the change applier, the lookup, the eraser and the manual linker.
    /// Needs <c>AddContinuityStorage</c> and <c>AddBotData</c>.
    /// </summary>
    public static IServiceCollection AddIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IdentityOptions>()
            .Bind(configuration.GetSection(IdentityOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IdentityDirectory>();
        services.TryAddSingleton<IdentityClaims>();
        services.TryAddSingleton<LegacyUserData>();
        services.TryAddSingleton<IdentityResolver>();
        services.TryAddSingleton<IdentityChangeApplier>();
        services.TryAddSingleton<IdentityLookup>();
        services.TryAddSingleton<IdentityEraser>();
        services.TryAddSingleton<IdentityLinker>();
        return services;
    }
}

using AstroBot.Continuity.Local.Portability.WhatsApp;
using AstroBot.Continuity.Portability;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Local.Portability;

public static class LocalPortabilityServiceCollectionExtensions
{
    /// <summary>
    /// Local host only: the <see cref="ExportRequestPump"/> that starts export orchestrations from the export request
    /// queue (the Functions queue trigger's job in Azure). It needs a <c>DurableTaskClient</c> in DI and the export
    /// tasks registered with the in-process engine: <c>AddInMemoryDurableTask(tasks => tasks.AddPortabilityTasks())</c>.
    /// Call after <see cref="PortabilityServiceCollectionExtensions.AddPortability"/>.
    /// </summary>
    public static IServiceCollection AddPortabilityLocalWorkers(this IServiceCollection services)
    {
        services.AddHostedService<ExportRequestPump>();
        return services;
    }
}

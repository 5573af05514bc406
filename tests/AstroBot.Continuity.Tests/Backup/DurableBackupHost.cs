using AstroBot.Continuity.Hosting;
using AstroBot.Continuity.Tests.Fixtures;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AstroBot.Continuity.Tests.Backup;

/// <summary>
/// A host with the backend on the harness's settings and the given tasks on the real in-process Durable Task engine,
/// as the local host runs the backup orchestrations; the settings make each step small.
/// </summary>
internal static class DurableBackupHost
{
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    /// <param name="tasks">Registers the tasks; given the host's services once it is built.</param>
    /// <param name="services">Replaces what a test plays (Resource Manager's transport, a restored account) after the product's registration.</param>
    public static async Task<IHost> StartAsync(
        BackupHarness harness, Action<DurableTaskRegistry, Func<IServiceProvider>> tasks, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(harness.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Backup:SliceDuration"] = "00:00:00.001", // a page per slice
            ["Backup:PageSize"] = "5",
            ["Backup:LeaseDuration"] = "00:00:15",
            ["Backup:RetryInterval"] = "00:00:00.010",
            // Validated when a host starts, and unused here.
            ["WhatsApp:AppSecret"] = "unused", ["WhatsApp:VerifyToken"] = "unused", ["WhatsApp:AccessToken"] = "unused", ["WhatsApp:PhoneNumberId"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddLogging().AddContinuityBackend(builder.Configuration);
        services?.Invoke(builder.Services);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1));
        IServiceProvider? provider = null;
        builder.Services.AddInMemoryDurableTask(registry => tasks(registry, () => provider!), new InMemoryDurableTaskOptions { Port = LoopbackPorts.Free() });
        var host = builder.Build();
        provider = host.Services;
        await host.StartAsync();
        return host;
    }

    /// <summary>Waits for the instance <paramref name="start"/> scheduled (not null) to end, at most <see cref="Bound"/>.</summary>
    public static async Task<OrchestrationMetadata> CompletionAsync(IHost host, Func<DurableTaskClient, Task<string?>> start)
    {
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var instanceId = await start(client);
        Assert.NotNull(instanceId);
        using var bound = new CancellationTokenSource(Bound);
        return await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, bound.Token);
    }
}

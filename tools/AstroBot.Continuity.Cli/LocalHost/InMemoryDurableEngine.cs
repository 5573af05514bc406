using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AstroBot.Continuity.Cli.LocalHost;

/// <summary>
/// The Durable Task engine in memory (Microsoft.DurableTask.InProcessTestHost), for the hosts this CLI runs itself:
/// <c>continuity serve</c> and <c>continuity drill run</c> without <c>--host</c>. What it runs does not survive the process.
/// </summary>
internal static class InMemoryDurableEngine
{
    /// <summary>Adds the engine, its worker running <paramref name="tasks"/>, and a <c>DurableTaskClient</c> to <paramref name="services"/>.</summary>
    public static IServiceCollection Add(IServiceCollection services, Action<DurableTaskRegistry> tasks) =>
        // The engine's gRPC sidecar takes a port the OS hands out: its own random pick (30000-40000) overlaps the
        // ephemeral range and failed to bind when an outbound connection held the port.
        services.AddInMemoryDurableTask(tasks, new InMemoryDurableTaskOptions { Port = FreeLoopbackPort() });

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

namespace AstroBot.Continuity.Tests.Fixtures;

/// <summary>Ports for in-process engines, from the OS: the in-memory Durable engine's own pick (random 30000-40000) collides between parallel test classes.</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace AstroBot.Continuity.Tests.Fixtures;

/// <summary>
/// A loopback TCP proxy in front of an emulator's port that a test can take down and bring back, as an outage of the
/// service behind it: while down, every connection (open or new) is reset, so the real SDK sees what it sees when the
/// service is unreachable. Bytes pass through untouched (TLS too).
/// </summary>
public sealed class SwitchableTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int targetPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<TcpClient> open = [];
    private readonly Task accepting;
    private volatile bool up = true;

    public SwitchableTcpProxy(int targetPort)
    {
        this.targetPort = targetPort;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = AcceptAsync(stopping.Token);
    }

    /// <summary>The port to connect to instead of the target's.</summary>
    public int Port { get; }

    /// <summary>Resets every open connection, and every new one until <see cref="Up"/>.</summary>
    public void Down()
    {
        up = false;
        lock (open)
        {
            foreach (var client in open)
            {
                Reset(client);
            }

            open.Clear();
        }
    }

    /// <summary>Passes connections through again.</summary>
    public void Up() => up = true;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Down();
        await accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(ct);
            if (!up)
            {
                Reset(client);
                continue;
            }

            _ = PipeAsync(client, ct);
        }
    }

    private async Task PipeAsync(TcpClient client, CancellationToken ct)
    {
        using var target = new TcpClient();
        try
        {
            await target.ConnectAsync(IPAddress.Loopback, targetPort, ct);
            lock (open)
            {
                open.Add(client);
                open.Add(target);
            }

            var clientStream = client.GetStream();
            var targetStream = target.GetStream();
            await Task.WhenAny(clientStream.CopyToAsync(targetStream, ct), targetStream.CopyToAsync(clientStream, ct));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset, a stop: the connection is over either way.
        }
        finally
        {
            lock (open)
            {
                open.Remove(client);
                open.Remove(target);
            }

            client.Dispose();
        }
    }

    // An abortive close (RST), as an unreachable service looks, rather than a polite end of stream.
    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}

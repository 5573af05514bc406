using System.CommandLine;
using System.Globalization;
using AstroBot.Continuity.Local.Tests.FrontDoor;
using AstroBot.Continuity.Tests.Fixtures;

namespace AstroBot.Continuity.Cli.Tests.Commands;

public class FrontDoorCommandTests
{
    [Fact]
    public async Task InvokeAsync_WithoutOrigin_ExitsTwoNamingTheSetting()
    {
        var run = await InvokeAsync(["frontdoor", "--listen", "http://127.0.0.1:0"], CancellationToken.None);

        run.AssertExitCode(2);
        Assert.Contains("configuration error: LocalFrontDoor:Origins needs at least one origin (--origin URL)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_SameOriginTwice_ExitsTwo()
    {
        var run = await InvokeAsync(["frontdoor", "--origin", "http://127.0.0.1:7073", "--origin", "http://127.0.0.1:7073/"], CancellationToken.None);

        run.AssertExitCode(2);
        Assert.Contains("names http://127.0.0.1:7073 twice", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_BadProbeSetting_ExitsTwoNamingIt()
    {
        var run = await InvokeAsync(
            ["frontdoor", "--origin", "http://127.0.0.1:7073", "--config", "LocalFrontDoor:UnhealthyAfterFailures=9"], CancellationToken.None);

        run.AssertExitCode(2);
        Assert.Contains("LocalFrontDoor:UnhealthyAfterFailures (9) cannot be more than LocalFrontDoor:SampleSize (4)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_Running_ForwardsToTheOriginServesTheSinkAndStopsOnCancel()
    {
        await using var origin = await StubOrigin.StartAsync("region");
        var listen = Loopback(LoopbackPorts.Free());
        var sink = Loopback(LoopbackPorts.Free());
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        var running = InvokeAsync(["frontdoor", "--listen", listen.AbsoluteUri, "--origin", origin.BaseUri.AbsoluteUri, "--graph-sink", sink.AbsoluteUri], stop.Token);
        await Eventually.HoldsAsync(async cancellationToken => await AnswersAsync(http, new Uri(listen, "api/whoami"), cancellationToken), TimeSpan.FromSeconds(30));
        using var messages = await http.GetAsync(new Uri(sink, "_sink/messages?to=15550000001&after=0"));
        await stop.CancelAsync();
        var run = await running;

        run.AssertExitCode(0);
        Assert.Equal("/api/whoami", origin.Received[0].Target);
        Assert.Equal(System.Net.HttpStatusCode.OK, messages.StatusCode);
    }

    private static Uri Loopback(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));

    private static async Task<bool> AnswersAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.Headers.Contains("X-Origin");
        }
        catch (HttpRequestException)
        {
            return false; // not listening yet
        }
    }

    private static async Task<CliRun> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ContinuityCommandLine.InvokeAsync(args, new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}

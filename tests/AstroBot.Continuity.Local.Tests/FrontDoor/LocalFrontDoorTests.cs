using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AstroBot.Continuity.Local.FrontDoor;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Local.Tests.FrontDoor;

/// <summary>
/// The local front door on real Kestrel in front of two stub regions on real Kestrel, probing every 50 ms. Waits are
/// for events (a log line, an answer from the other origin), bounded generously; the only timing asserted is a lower
/// bound: traffic never returns to a primary sooner than the restoration delay.
/// </summary>
public sealed class LocalFrontDoorTests : IAsyncLifetime
{
    private StubOrigin primary = null!;
    private StubOrigin secondary = null!;

    public async Task InitializeAsync()
    {
        primary = await StubOrigin.StartAsync("primary");
        secondary = await StubOrigin.StartAsync("secondary");
    }

    public async Task DisposeAsync()
    {
        await primary.DisposeAsync();
        await secondary.DisposeAsync();
    }

    [Fact]
    public async Task Request_BothRegionsHealthy_GoesToThePrimary()
    {
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("primary", await sut.AnswererAsync());
        }

        Assert.Empty(secondary.Received);
        Assert.Contains("region-1", Assert.Single(sut.Lines(ContinuityEventId.RouteChanged)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_PrimaryStopsAnsweringReady_MovesToTheSecondaryAfterTheConfiguredFailures()
    {
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));
        Assert.Equal("primary", await sut.AnswererAsync());
        var failedBefore = primary.FailedProbes;

        primary.Ready = false;
        await sut.AnsweredByAsync(secondary);

        // Taken out at the 2nd failed probe of the last 4, not at the first.
        Assert.True(primary.FailedProbes - failedBefore >= sut.Options.UnhealthyAfterFailures, $"switched after {primary.FailedProbes - failedBefore} failed probes");
        Assert.Contains(sut.Lines(ContinuityEventId.OriginUnhealthy), line => line.Contains("region-1", StringComparison.Ordinal));
        Assert.Contains(sut.Lines(ContinuityEventId.RouteChanged), line => line.Contains("Traffic now goes to region-2", StringComparison.Ordinal));
        Assert.Equal("secondary", await sut.AnswererAsync());
    }

    [Fact]
    public async Task Request_PrimaryServerStopped_MovesToTheSecondary()
    {
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));
        Assert.Equal("primary", await sut.AnswererAsync());

        await primary.StopAsync();
        await sut.WaitForAsync(ContinuityEventId.OriginUnhealthy);

        Assert.Equal("secondary", await sut.AnswererAsync());
    }

    [Fact]
    public async Task Request_PrimaryReturns_MovesBackOnlyAfterTheRestorationDelay()
    {
        var options = FrontDoorUnderTest.FastOptions(primary, secondary);
        options.RestorationDelay = TimeSpan.FromSeconds(5);
        await using var sut = await FrontDoorUnderTest.StartAsync(options);
        primary.Ready = false;
        await sut.AnsweredByAsync(secondary);

        var inServiceBefore = InService(sut, "region-1");
        primary.Ready = true;
        var back = Stopwatch.StartNew();
        await sut.WaitForAsync(ContinuityEventId.OriginRestoring);
        Assert.Equal("secondary", await sut.AnswererAsync()); // healthy again, but held back
        await sut.AnsweredByAsync(primary);

        Assert.True(back.Elapsed >= options.RestorationDelay, $"traffic went back to the primary {back.Elapsed} after it recovered");
        Assert.Equal(inServiceBefore + 1, InService(sut, "region-1"));
        Assert.Contains(sut.Lines(ContinuityEventId.RouteChanged), line => line.Contains("Traffic now goes to region-1", StringComparison.Ordinal) && line.Contains("it went to region-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_PrimaryFlapping_NeverGetsTrafficBackInsideTheDelay()
    {
        var options = FrontDoorUnderTest.FastOptions(primary, secondary);
        options.RestorationDelay = TimeSpan.FromSeconds(2);
        await using var sut = await FrontDoorUnderTest.StartAsync(options);
        Assert.Equal("primary", await sut.AnswererAsync());

        // Two probes down, three ready, round and round: down long enough to be taken out (2 of the last 4), healthy
        // long enough to be restoring (3 in a row), and down again every 250 ms, long before the 2 s delay is over.
        var flapFrom = primary.Probes;
        primary.ReadyForProbe = number => (number - flapFrom) % 5 is not (1 or 2);
        await sut.AnsweredByAsync(secondary);
        var servedBefore = primary.Received.Count;
        var inServiceBefore = InService(sut, "region-1");
        await sut.WaitForCountAsync(3, ContinuityEventId.OriginRestoring);

        var answers = new List<string?>();
        while (sut.Count(ContinuityEventId.OriginRestoring) < 8)
        {
            answers.Add(await sut.AnswererAsync());
        }

        Assert.All(answers, answer => Assert.Equal("secondary", answer));
        Assert.Equal(servedBefore, primary.Received.Count);
        Assert.Equal(inServiceBefore, InService(sut, "region-1"));
        Assert.Single(sut.Lines(ContinuityEventId.RouteChanged), line => line.Contains("Traffic now goes to region-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_EveryRegionDown_Answers503WithRetryAfterAndForwardsNothing()
    {
        primary.Ready = false;
        secondary.Ready = false;
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));
        Assert.Single(sut.Lines(ContinuityEventId.NoOriginAvailable));

        using var content = new ByteArrayContent("""{"object":"whatsapp_business_account"}"""u8.ToArray());
        using var post = await sut.Http.PostAsync(new Uri(sut.BaseUri, "api/whatsapp/webhook"), content);
        using var get = await sut.Http.GetAsync(new Uri(sut.BaseUri, "api/health"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), post.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        Assert.Empty(primary.Received);
        Assert.Empty(secondary.Received);
    }

    [Fact]
    public async Task Request_EveryRegionDownThenPrimaryBack_ServedAtOnceWithoutWaitingOutTheDelay()
    {
        var options = FrontDoorUnderTest.FastOptions(primary, secondary);
        options.RestorationDelay = TimeSpan.FromMinutes(10);
        await using var sut = await FrontDoorUnderTest.StartAsync(options);
        primary.Ready = false;
        secondary.Ready = false;
        await sut.WaitForAsync(ContinuityEventId.NoOriginAvailable);

        primary.Ready = true;
        await sut.WaitForAsync(ContinuityEventId.OriginRestoring);

        // Restoring, not in service: but an answer beats a 503.
        Assert.Equal("primary", await sut.AnswererAsync());
    }

    public static TheoryData<string, byte[]> Bodies => new()
    {
        { "non-ASCII as raw UTF-8", Encoding.UTF8.GetBytes("""{"text":{"body":"Wann kommt mein Horoskop? ♈ 🌙 ñ ü 日本"}}""") },
        { "non-ASCII escaped as Meta sends it", Encoding.ASCII.GetBytes("""{"text":{"body":"\u00fc\ud83c\udf19 \"quoted\" \\ back\/slash"}}""") },
        { "1 MB", LargeBody(1024 * 1024) },
        { "every byte value", [.. Enumerable.Range(0, 256).Select(value => (byte)value)] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Post_Body_ArrivesAtTheOriginByteForByteWithItsSignature(string kind, byte[] body)
    {
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));
        var signature = new WebhookSignature("test-app-secret").Sign(body);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sut.BaseUri, "api/whatsapp/webhook")) { Content = content };
        request.Headers.Add("X-Hub-Signature-256", signature);

        using var response = await sut.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(primary.Received);
        Assert.True(body.AsSpan().SequenceEqual(received.Body), $"{kind}: {received.Body.Length} bytes arrived for {body.Length} sent, or different ones");
        Assert.Equal(signature, received.Headers["X-Hub-Signature-256"]);
        Assert.Equal("application/json", received.Headers["Content-Type"]);
    }

    [Fact]
    public async Task Request_ForwardedHeaders_AreAppendedAndSetAsFrontDoorDoes()
    {
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sut.BaseUri, "api/whoami"));
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await sut.Http.SendAsync(request);

        var headers = Assert.Single(primary.Received).Headers;
        Assert.Equal("203.0.113.7, 127.0.0.1", headers["X-Forwarded-For"]);
        Assert.Equal(sut.BaseUri.Authority, headers["X-Forwarded-Host"]);
        Assert.Equal("http", headers["X-Forwarded-Proto"]);
        Assert.Equal(primary.BaseUri.Authority, headers["Host"]);
    }

    [Theory]
    [InlineData("PUT", "api/whatsapp/webhook")]
    [InlineData("DELETE", "api/status?x=1&x=2")]
    [InlineData("PATCH", "api/a%2Fb/c%20d")]
    [InlineData("OPTIONS", "api/health")]
    [InlineData("TRACE", "api/health")]
    [InlineData("GET", "api/status?q=%3Cscript%3E&empty=&=novalue")]
    [InlineData("GET", "api/")]
    [InlineData("BREW", "api/coffee")]
    public async Task Request_OddMethodOrPath_IsForwardedAsSent(string method, string target)
    {
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(sut.BaseUri + target, UriKind.Absolute));
        using var response = await sut.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(primary.Received);
        Assert.Equal(method, received.Method);
        Assert.Equal("/" + target, received.Target);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Request_MethodTheOriginRefuses_GetsTheOriginsAnswer(string method)
    {
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(sut.BaseUri, "api/only-get"));
        using var response = await sut.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health")]
    [InlineData("/apix/health")]
    [InlineData("/_sink/messages")]
    public async Task Request_OutsideTheApiRoute_IsNotFoundAndNotForwarded(string path)
    {
        await using var sut = await FrontDoorUnderTest.StartAsync(FrontDoorUnderTest.FastOptions(primary, secondary));

        using var response = await sut.Http.GetAsync(new Uri(sut.BaseUri, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(primary.Received);
    }

    [Fact]
    public void Build_WithoutOrigins_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => LocalFrontDoor.Build(new LocalFrontDoorOptions { Listen = "http://127.0.0.1:0" }));

        Assert.Contains("LocalFrontDoor:Origins", error.Message, StringComparison.Ordinal);
    }

    private static int InService(FrontDoorUnderTest sut, string origin) =>
        sut.Lines(ContinuityEventId.OriginInService).Count(line => line.Contains(origin, StringComparison.Ordinal));

    private static byte[] LargeBody(int size)
    {
        // JSON-like text with escapes and multi-byte characters all the way through, not only zeros.
        var text = new StringBuilder(size + 64);
        while (text.Length < size)
        {
            text.Append("""{"body":"\u00e9\u2648 ü ♈ \"x\"\\"},""");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return bytes[..size];
    }
}

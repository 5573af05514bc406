using System.Text.Json.Nodes;
using AstroBot.Continuity.Local.WhatsApp.Sink;
using AstroBot.Continuity.Tests.Fixtures;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

/// <summary>The client against the real <see cref="GraphApiSink"/> over loopback.</summary>
public sealed class GraphApiClientTests : IAsyncLifetime
{
    private const string AccessToken = "test-access-token";
    private const string PhoneNumberId = "106540352242922";
    private const string WaId = "16315551181";
    private const string Bsuid = "US.13491208655302741918";

    private readonly List<HttpClient> httpClients = [];
    private GraphApiSink sink = null!;

    public async Task InitializeAsync() => sink = await GraphApiSink.StartAsync("http://127.0.0.1:0", AccessToken, CancellationToken.None);

    public async Task DisposeAsync()
    {
        httpClients.ForEach(h => h.Dispose());
        await sink.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_Text_ReturnsWamidFromAnswer()
    {
        var sut = CreateSut();

        var receipt = await sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "Your horoscope is ready"), CancellationToken.None);

        Assert.Equal("wamid.sink-1", receipt.Wamid);
        var message = Assert.Single(sink.Messages);
        Assert.Equal(("v21.0", PhoneNumberId, WaId, "text", "Your horoscope is ready"),
            (message.GraphApiVersion, message.PhoneNumberId, message.To, message.Type, message.Text));
    }

    [Fact]
    public async Task SendAsync_Text_PostsGraphJsonShape()
    {
        var sut = CreateSut();

        await sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "Caf\u00e9 \U0001F52E \"quoted\"", PreviewUrl: true), CancellationToken.None);

        var json = RequestJson();
        Assert.Equal("whatsapp", (string?)json["messaging_product"]);
        Assert.Equal("individual", (string?)json["recipient_type"]);
        Assert.Equal(WaId, (string?)json["to"]);
        Assert.Equal("text", (string?)json["type"]);
        Assert.Equal("Caf\u00e9 \U0001F52E \"quoted\"", (string?)json["text"]!["body"]);
        Assert.True((bool?)json["text"]!["preview_url"]);
    }

    [Fact]
    public async Task SendAsync_Document_PostsGraphJsonShape()
    {
        var sut = CreateSut();
        var link = new Uri("https://example.blob.core.windows.net/exports/a1b2.zip?sv=2025&sig=abc%2B");

        await sut.SendAsync(new DocumentMessage(MessageRecipient.ToPhone(WaId), link, "astrobot-export.zip", "Your data export"), CancellationToken.None);

        var json = RequestJson();
        Assert.Equal("document", (string?)json["type"]);
        Assert.Equal(link.AbsoluteUri, (string?)json["document"]!["link"]);
        Assert.Equal("astrobot-export.zip", (string?)json["document"]!["filename"]);
        Assert.Equal("Your data export", (string?)json["document"]!["caption"]);
        var message = Assert.Single(sink.Messages);
        Assert.Equal((link.AbsoluteUri, "astrobot-export.zip", "Your data export"), (message.DocumentLink, message.DocumentFileName, message.Caption));
    }

    [Fact]
    public async Task SendAsync_Template_PostsGraphJsonShape()
    {
        var sut = CreateSut();

        await sut.SendAsync(new TemplateMessage(MessageRecipient.ToPhone(WaId), "astrobot_reconnect", "en", ["Leo", "today"]), CancellationToken.None);

        var json = RequestJson();
        Assert.Equal("template", (string?)json["type"]);
        var template = json["template"]!;
        Assert.Equal("astrobot_reconnect", (string?)template["name"]);
        Assert.Equal("en", (string?)template["language"]!["code"]);
        var component = Assert.Single(template["components"]!.AsArray())!;
        Assert.Equal("body", (string?)component["type"]);
        Assert.Equal(
            ["text:Leo", "text:today"],
            component["parameters"]!.AsArray().Select(p => $"{(string?)p!["type"]}:{(string?)p["text"]}"));
    }

    [Fact]
    public async Task SendAsync_TemplateWithoutParameters_OmitsComponents()
    {
        var sut = CreateSut();

        await sut.SendAsync(new TemplateMessage(MessageRecipient.ToPhone(WaId), "astrobot_reconnect", "en"), CancellationToken.None);

        Assert.Null(RequestJson()["template"]!["components"]);
        Assert.Equal(("astrobot_reconnect", "en"), (sink.Messages[0].TemplateName, sink.Messages[0].TemplateLanguage));
    }

    [Fact]
    public async Task SendAsync_TemplateToBsuid_PostsRecipientAndReturnsWamidFromAnswerWithoutWaId()
    {
        var sut = CreateSut();

        var receipt = await sut.SendAsync(new TemplateMessage(MessageRecipient.ToBsuid(Bsuid), "astrobot_reconnect", "en"), CancellationToken.None);

        Assert.Equal("wamid.sink-1", receipt.Wamid);
        var json = RequestJson().AsObject();
        Assert.Equal(Bsuid, (string?)json["recipient"]);
        Assert.False(json.ContainsKey("to"));
        var message = Assert.Single(sink.Messages);
        Assert.Equal((Bsuid, true, "template"), (message.To, message.ToBsuid, message.Type));
    }

    [Theory]
    [InlineData(429, 130429)]
    [InlineData(429, null)]
    [InlineData(500, null)]
    [InlineData(503, 2)]
    [InlineData(400, 131056)]
    [InlineData(400, 80007)]
    [InlineData(403, 4)]
    public async Task SendAsync_TransientFailureThenSuccess_Retried(int status, int? code)
    {
        var sut = CreateSut();
        sink.FailNext(status, code);

        var receipt = await sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), CancellationToken.None);

        Assert.Equal("wamid.sink-1", receipt.Wamid);
        Assert.Equal(2, sink.RequestCount);
    }

    [Fact]
    [Trait("Category", "RealClock")]
    public async Task SendAsync_AttemptTimesOutThenSuccess_Retried()
    {
        // The real clock is the point: the attempt timeout is HttpClient.Timeout, which takes no TimeProvider. The sink
        // stalling its answer is the scenario, not a wait; the 300 ms are what the test costs.
        var sut = CreateSut(attemptTimeout: TimeSpan.FromMilliseconds(300));
        sink.DelayNext(TimeSpan.FromMinutes(1));

        var receipt = await sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), CancellationToken.None);

        Assert.Equal("wamid.sink-1", receipt.Wamid);
        Assert.Equal(2, sink.RequestCount);
    }

    [Theory]
    [InlineData(400, 131026)]
    [InlineData(400, 131047)]
    [InlineData(400, 131062)]
    [InlineData(400, 100)]
    [InlineData(404, null)]
    public async Task SendAsync_PermanentFailure_NotRetried(int status, int? code)
    {
        var sut = CreateSut();
        sink.FailNext(status, code);

        var failure = await Assert.ThrowsAsync<GraphApiException>(() => sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), CancellationToken.None));

        Assert.Equal((status, code, false), (failure.HttpStatus, failure.ErrorCode, failure.IsTransient));
        Assert.StartsWith("sink-", failure.FbTraceId, StringComparison.Ordinal);
        Assert.Equal(1, sink.RequestCount);
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task SendAsync_AttemptsExhausted_ThrowsTransientGraphApiException()
    {
        var sut = CreateSut(maxAttempts: 3);
        sink.FailNext(503, null, times: 10);

        var failure = await Assert.ThrowsAsync<GraphApiException>(() => sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), CancellationToken.None));

        Assert.Equal((503, (int?)null, true), (failure.HttpStatus, failure.ErrorCode, failure.IsTransient));
        Assert.Equal(3, sink.RequestCount);
    }

    [Fact]
    public async Task SendAsync_OneAttemptConfigured_NoRetry()
    {
        var sut = CreateSut(maxAttempts: 1);
        sink.FailNext(429, 130429);

        await Assert.ThrowsAsync<GraphApiException>(() => sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), CancellationToken.None));

        Assert.Equal(1, sink.RequestCount);
    }

    [Fact]
    public async Task SendAsync_SendsBearerAccessToken()
    {
        var sut = CreateSut(accessToken: "wrong-token");

        var failure = await Assert.ThrowsAsync<GraphApiException>(() => sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), CancellationToken.None));

        // The sink answers like Graph to a bad token; the right token succeeds in every other test.
        Assert.Equal((401, 190, false), (failure.HttpStatus, failure.ErrorCode, failure.IsTransient));
        Assert.Equal(1, sink.RequestCount);
    }

    [Fact]
    public async Task SendAsync_RetryAfterHeader_WaitsThatLongOnTheClock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var logger = new RecordingLogger<GraphApiClient>();
        var sut = CreateSut(time: time, logger: logger);
        sink.FailNext(429, 130429, retryAfter: TimeSpan.FromSeconds(20));

        var sending = sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), CancellationToken.None);
        var retry = await WaitForRetryLogAsync(logger);
        // The retry's timer starts just after the log entry: keep the fake clock moving until the send completes.
        await WaitUntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(20));
            return sending.IsCompleted;
        });
        var receipt = await sending;

        Assert.Equal(TimeSpan.FromSeconds(20), retry["RetryDelay"]);
        Assert.Equal("wamid.sink-1", receipt.Wamid);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsDuringAttempt_ThrowsOperationCanceledWithoutRetry()
    {
        var sut = CreateSut();
        sink.DelayNext(TimeSpan.FromMinutes(1));
        using var cancellation = new CancellationTokenSource();

        var sending = sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), cancellation.Token);
        await WaitUntilAsync(() => sink.RequestCount == 1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Equal(1, sink.RequestCount);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsTransientWithoutStatus()
    {
        var stopped = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        var address = stopped.BaseUri;
        await stopped.DisposeAsync();
        var sut = CreateSut(maxAttempts: 2, baseUri: address);

        var failure = await Assert.ThrowsAsync<GraphApiException>(() => sut.SendAsync(new TextMessage(MessageRecipient.ToPhone(WaId), "hello"), CancellationToken.None));

        Assert.Equal(((int?)null, true), (failure.HttpStatus, failure.IsTransient));
        Assert.IsType<HttpRequestException>(failure.InnerException);
    }

    private GraphApiClient CreateSut(
        int maxAttempts = 5,
        TimeSpan? attemptTimeout = null,
        string accessToken = AccessToken,
        TimeProvider? time = null,
        RecordingLogger<GraphApiClient>? logger = null,
        Uri? baseUri = null)
    {
        var options = new WhatsAppOptions
        {
            AppSecret = "app-secret",
            VerifyToken = "verify-token",
            AccessToken = accessToken,
            PhoneNumberId = PhoneNumberId,
            GraphApiBaseUrl = (baseUri ?? sink.BaseUri).ToString(),
            MaxSendAttempts = maxAttempts,
            RetryBaseDelay = TimeSpan.Zero,
        };
        var http = new HttpClient { Timeout = attemptTimeout ?? TimeSpan.FromSeconds(30) };
        httpClients.Add(http);
        return new GraphApiClient(
            http,
            Options.Create(options),
            time ?? TimeProvider.System,
            logger ?? (Microsoft.Extensions.Logging.ILogger<GraphApiClient>)NullLogger<GraphApiClient>.Instance);
    }

    private JsonNode RequestJson() => JsonNode.Parse(Assert.Single(sink.Messages).RawJson)!;

    private static async Task<IReadOnlyDictionary<string, object?>> WaitForRetryLogAsync(RecordingLogger<GraphApiClient> logger)
    {
        await WaitUntilAsync(() => logger.Entries.Any(e => e.EventId.Id == ContinuityEventId.GraphSendRetrying));
        return logger.Entries.First(e => e.EventId.Id == ContinuityEventId.GraphSendRetrying).Values;
    }

    // Waits for a condition, not a duration: the bound only stops a broken test from hanging.
    private static Task WaitUntilAsync(Func<bool> condition) => Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(30));
}

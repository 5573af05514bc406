using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Local.WhatsApp.Sink;

namespace AstroBot.Continuity.Local.Tests.WhatsApp.Sink;

/// <summary>The sink over plain HTTP, as <c>continuity chat</c> and the local host use it.</summary>
public sealed class GraphApiSinkTests : IAsyncLifetime
{
    private const string Phone = "16505551234";
    private const string Bsuid = "US.13491208655302741918";

    private readonly HttpClient http = new();
    private GraphApiSink sut = null!;

    public async Task InitializeAsync()
    {
        sut = await GraphApiSink.StartAsync("http://127.0.0.1:0", CancellationToken.None);
        http.BaseAddress = sut.BaseUri;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await sut.DisposeAsync();
    }

    [Fact]
    public void StartAsync_PortZero_ExposesBoundLoopbackAddress()
    {
        Assert.Equal("127.0.0.1", sut.BaseUri.Host);
        Assert.NotEqual(0, sut.BaseUri.Port);
    }

    [Fact]
    public async Task PostMessages_ValidText_AnswersLikeGraphAndRecords()
    {
        using var response = await SendTextAsync("16315551181", "hello");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("whatsapp", (string?)answer["messaging_product"]);
        Assert.Equal("16315551181", (string?)answer["contacts"]![0]!["wa_id"]);
        Assert.Equal("wamid.sink-1", (string?)answer["messages"]![0]!["id"]);
        Assert.Equal("hello", Assert.Single(sut.Messages).Text);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"to":"1","type":"text","text":{"body":"x"}}""")]
    [InlineData("""{"messaging_product":"whatsapp","to":"1","type":"text"}""")]
    public async Task PostMessages_NotGraphShape_Answers400WithCode100(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("v21.0/123/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(100, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
        Assert.Empty(sut.Messages);
    }

    [Fact]
    public async Task GetMessages_ToAndAfter_ReturnsMatchingInSequence()
    {
        (await SendTextAsync("111", "first")).Dispose();
        (await SendTextAsync("222", "other user")).Dispose();
        (await SendTextAsync("111", "second")).Dispose();
        (await SendTextAsync("111", "third")).Dispose();

        var messages = await http.GetFromJsonAsync<List<SinkMessage>>("_sink/messages?to=111&after=1");

        Assert.Equal([(3L, "second"), (4L, "third")], messages!.Select(m => (m.Sequence, m.Text)));
        Assert.Equal("wamid.sink-3", messages![0].Wamid);
    }

    [Fact]
    public async Task PostMessages_Recipient_RecordedAsBsuidAndAnswerCarriesUserIdWithoutWaId()
    {
        using var response = await PostAsync(new { messaging_product = "whatsapp", recipient_type = "individual", recipient = Bsuid, type = "text", text = new { body = "hello" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var contact = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["contacts"]![0]!.AsObject();
        Assert.Equal((Bsuid, Bsuid), ((string?)contact["input"], (string?)contact["user_id"]));
        Assert.False(contact.ContainsKey("wa_id"));
        var message = Assert.Single(sut.Messages);
        Assert.Equal((Bsuid, true, "hello"), (message.To, message.ToBsuid, message.Text));
    }

    [Fact]
    public async Task PostMessages_To_RecordedAsPhoneAndAnswerCarriesWaIdWithoutUserId()
    {
        using var response = await SendTextAsync(Phone, "hello");

        var contact = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["contacts"]![0]!.AsObject();
        Assert.Equal((Phone, Phone), ((string?)contact["input"], (string?)contact["wa_id"]));
        Assert.False(contact.ContainsKey("user_id"));
        Assert.Equal((Phone, false), (sut.Messages[0].To, sut.Messages[0].ToBsuid));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PostMessages_ToAndRecipient_ToWins(bool toFirst)
    {
        var body = toFirst
            ? $$"""{"messaging_product":"whatsapp","to":"{{Phone}}","recipient":"{{Bsuid}}","type":"text","text":{"body":"both"} }"""
            : $$"""{"messaging_product":"whatsapp","recipient":"{{Bsuid}}","to":"{{Phone}}","type":"text","text":{"body":"both"} }""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("v21.0/106540352242922/messages", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Phone, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["contacts"]![0]!["wa_id"]);
        var message = Assert.Single(sut.Messages);
        Assert.Equal((Phone, false), (message.To, message.ToBsuid));
    }

    [Fact]
    public async Task PostMessages_NeitherToNorRecipient_Answers400NamingBoth()
    {
        using var response = await PostAsync(new { messaging_product = "whatsapp", recipient_type = "individual", type = "text", text = new { body = "to nobody" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(100, (int?)error["code"]);
        Assert.Contains("to or recipient", (string?)error["message"], StringComparison.Ordinal);
        Assert.Empty(sut.Messages);
    }

    [Fact]
    public async Task GetMessages_ToBsuid_ReturnsTheMessagesSentToIt()
    {
        (await SendTextAsync(Phone, "to the phone")).Dispose();
        (await PostAsync(new { messaging_product = "whatsapp", recipient = Bsuid, type = "text", text = new { body = "to the bsuid" } })).Dispose();

        var messages = await http.GetFromJsonAsync<List<SinkMessage>>($"_sink/messages?to={Uri.EscapeDataString(Bsuid)}");

        var message = Assert.Single(messages!);
        Assert.Equal((2L, Bsuid, true, "to the bsuid"), (message.Sequence, message.To, message.ToBsuid, message.Text));
        Assert.Equal(Bsuid, Assert.Single(sut.MessagesTo(Bsuid)).To);
    }

    [Fact]
    public async Task PostFail_Times_NextSendsAnswerThatError()
    {
        using var fail = await http.PostAsJsonAsync("_sink/fail", new { status = 429, code = 130429, times = 2, retryAfterSeconds = 3 });

        using var first = await SendTextAsync("111", "a");
        using var second = await SendTextAsync("111", "b");
        using var third = await SendTextAsync("111", "c");

        Assert.Equal(HttpStatusCode.NoContent, fail.StatusCode);
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], new[] { first, second, third }.Select(r => r.StatusCode));
        Assert.Equal(130429, (int?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["error"]!["code"]);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter?.Delta);
        Assert.Equal("c", Assert.Single(sut.Messages).Text);
        Assert.Equal(3, sut.RequestCount);
    }

    [Fact]
    public async Task PostFail_NotJson_Answers400()
    {
        using var content = new StringContent("{", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("_sink/fail", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostDelay_Accepted()
    {
        using var response = await http.PostAsJsonAsync("_sink/delay", new { milliseconds = 1, times = 1 });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var send = await SendTextAsync("111", "delayed");
        Assert.Equal(HttpStatusCode.OK, send.StatusCode);
    }

    [Fact]
    public async Task FailNext_WithoutCode_ErrorBodyWithoutCode()
    {
        sut.FailNext(500, null);

        using var response = await SendTextAsync("111", "a");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Null(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task StartAsync_RequiredAccessToken_RejectsOtherTokensWith190()
    {
        await using var guarded = await GraphApiSink.StartAsync("http://127.0.0.1:0", "right", CancellationToken.None);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(guarded.BaseUri, "v21.0/1/messages"))
        {
            Content = JsonContent.Create(new { messaging_product = "whatsapp", to = "1", type = "text", text = new { body = "x" } }),
        };
        request.Headers.Authorization = new("Bearer", "wrong");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(190, (int?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    private Task<HttpResponseMessage> PostAsync(object body) => http.PostAsJsonAsync("v21.0/106540352242922/messages", body);

    private Task<HttpResponseMessage> SendTextAsync(string to, string body) =>
        http.PostAsJsonAsync("v21.0/106540352242922/messages", new { messaging_product = "whatsapp", to, type = "text", text = new { body } });
}

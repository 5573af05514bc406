using System.Text;
using System.Text.RegularExpressions;
using AstroBot.Continuity.Availability.FrontDoor;
using AstroBot.Continuity.Tests.WhatsApp.Webhooks;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AstroBot.Continuity.Tests.Availability.FrontDoor;

public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private FrontDoorHarness harness = null!;
    private WebhookEndpoint sut = null!;

    public async Task InitializeAsync()
    {
        harness = await FrontDoorHarness.StartAsync();
        sut = harness.Get<WebhookEndpoint>();
    }

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public async Task HandleVerification_RightTokenAndChallenge_ReturnsChallengeAsPlainText()
    {
        var request = HttpRequests.Get($"?hub.mode=subscribe&hub.verify_token={FrontDoorHarness.VerifyToken}&hub.challenge=1158201444");

        var result = sut.HandleVerification(request);
        var (status, body, response) = await HttpRequests.ExecuteAsync(result, request);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("1158201444", body);
        Assert.StartsWith("text/plain", response.ContentType, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1")]
    [InlineData("?hub.mode=subscribe&hub.challenge=1")]
    [InlineData("?hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1")]
    public void HandleVerification_WrongTokenOrMode_Returns403(string query)
    {
        var result = sut.HandleVerification(HttpRequests.Get(query));

        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }

    [Fact]
    public void HandleVerification_MissingChallenge_Returns400()
    {
        var result = sut.HandleVerification(HttpRequests.Get(
            $"?hub.mode=subscribe&hub.verify_token={FrontDoorHarness.VerifyToken}"));

        Assert.Equal(StatusCodes.Status400BadRequest, Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode);
    }

    [Fact]
    public async Task HandleDeliveryAsync_ValidWebhook_Returns200AndQueueHoldsTheRawBodyExactly()
    {
        // Non-ASCII escaped as Meta does: the stored bytes must be the received bytes, not re-serialised JSON.
        var body = WebhookJson.Text("wamid.valid1", "caf\\u00e9 \\ud83c\\udf19");

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status200OK, StatusOf(result));
        var recorded = Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
        var envelope = WebhookEnvelope.FromQueueText(recorded);
        Assert.Equal(WebhookEnvelope.CurrentVersion, envelope.V);
        Assert.Null(envelope.Blob);
        Assert.Equal(body, envelope.Body);
    }

    [Fact]
    public async Task HandleDeliveryAsync_ForgedSignature_Returns401AndRecordsNothing()
    {
        var body = WebhookJson.Text("wamid.forged", "hello");
        var forged = new WebhookSignature("not-the-app-secret").Sign(body);

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, forged), CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, StatusOf(result));
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_MissingSignature_Returns401()
    {
        var body = WebhookJson.Text("wamid.unsigned", "hello");

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, signature: null), CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, StatusOf(result));
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_DeclaredLengthOver3MB_Returns413WithoutReadingTheBody()
    {
        var request = HttpRequests.Post(new UnreadableStream(), WebhookEndpoint.MaxBodyBytes + 1L, "sha256=00");

        var result = await sut.HandleDeliveryAsync(request, CancellationToken.None);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, StatusOf(result));
    }

    [Fact]
    public async Task HandleDeliveryAsync_ChunkedBodyGrowingPast3MB_Returns413AndStopsReading()
    {
        var body = new EndlessStream();

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, contentLength: null, "sha256=00"), CancellationToken.None);

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, StatusOf(result));
        Assert.InRange(body.BytesRead, WebhookEndpoint.MaxBodyBytes, 2L * WebhookEndpoint.MaxBodyBytes);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_BodyOfExactly3MB_IsNotRefusedForItsSize()
    {
        var body = new byte[WebhookEndpoint.MaxBodyBytes];
        body.AsSpan().Fill((byte)' ');

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, signature: null, declareLength: false), CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, StatusOf(result));
    }

    [Fact]
    public async Task HandleDeliveryAsync_InvalidJson_Returns400ProblemWithoutStackTrace()
    {
        var body = Encoding.UTF8.GetBytes("{\"object\":\"whatsapp_business_account\",\"entry\":[");
        var request = HttpRequests.Post(body, harness.Signature.Sign(body));

        var result = await sut.HandleDeliveryAsync(request, CancellationToken.None);
        var (status, responseBody, response) = await HttpRequests.ExecuteAsync(result, request);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Contains("not JSON", responseBody, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", responseBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", responseBody, StringComparison.Ordinal);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_UnknownShape_Returns400()
    {
        var body = Encoding.UTF8.GetBytes("""{"object":"page","entry":[]}""");

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Contains("$.object", problem.ProblemDetails.Detail, StringComparison.Ordinal);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_UnknownMessageType_Returns200AndRecords()
    {
        var body = WebhookJson.OfType("wamid.hologram", "hologram");

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status200OK, StatusOf(result));
        Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_OnlyErrors_Returns200AndRecords()
    {
        var body = WebhookJson.OnlyErrors();

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status200OK, StatusOf(result));
        Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_LargeBody_RecordsAClaimCheckAndTheBlobHoldsTheBody()
    {
        var body = WebhookJson.LargeText("wamid.large", 200 * 1024);

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status200OK, StatusOf(result));
        var envelope = WebhookEnvelope.FromQueueText(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue)));
        Assert.Null(envelope.Body);
        var blob = await harness.ClaimCheckContainer.GetBlobClient(envelope.Blob).DownloadContentAsync();
        Assert.Equal(body, blob.Value.Content.ToArray());
    }

    public static TheoryData<string> ValidBsuidFixtures => BsuidFixtures.Valid;

    [Theory]
    [MemberData(nameof(ValidBsuidFixtures))]
    public async Task HandleDeliveryAsync_SignedBsuidFixture_Returns200AndQueueHoldsTheBody(string fixture)
    {
        var body = BsuidFixtures.Read(fixture);

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status200OK, StatusOf(result));
        var envelope = WebhookEnvelope.FromQueueText(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue)));
        Assert.Equal(body, envelope.Body);
    }

    [Fact]
    public async Task HandleDeliveryAsync_SignedMalformedNoSenderFixture_Returns400NamingTheMessageAndRecordsNothing()
    {
        var body = BsuidFixtures.Read(BsuidFixtures.MalformedNoSender);

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal("$.entry[0].changes[0].value.messages[0] has neither from nor from_user_id", problem.ProblemDetails.Detail);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Theory]
    [InlineData("13491208655302741918")]
    [InlineData("us.13491208655302741918")]
    [InlineData("US.1349120865530274191800000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000")]
    public async Task HandleDeliveryAsync_BsuidOutsideDocumentedShape_Returns200AndRecords(string bsuid)
    {
        Assert.False(BsuidFormat.IsDocumented(bsuid));
        var body = WithBsuid("text-bsuid-only-username.json", bsuid);

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status200OK, StatusOf(result));
        Assert.Equal(body, WebhookEnvelope.FromQueueText(Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue))).Body);
    }

    [Fact]
    public async Task HandleDeliveryAsync_BsuidOf200Characters_Returns200AndRecords()
    {
        var bsuid = "US." + new string('9', 197);
        Assert.Equal(200, bsuid.Length);
        var body = WithBsuid("status-delivered-bsuid-only.json", bsuid);

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status200OK, StatusOf(result));
        Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Theory]
    [InlineData("text-bsuid-only-username.json", "from_user_id", "messages[0].from_user_id")]
    [InlineData("text-bsuid-only-username.json", "user_id", "contacts[0].user_id")]
    [InlineData("text-bsuid-with-parent.json", "from_parent_user_id", "messages[0].from_parent_user_id")]
    [InlineData("text-phone-and-bsuid.json", "from", "messages[0].from")]
    [InlineData("status-failed-bsuid-only.json", "recipient_user_id", "statuses[0].recipient_user_id")]
    [InlineData("system-user-changed-user-id.json", "previous_user_id", "messages[0].system.previous_user_id")]
    [InlineData("system-user-changed-number.json", "user_id", "messages[0].system.user_id")]
    public async Task HandleDeliveryAsync_IdentifierOf1025Characters_Returns400NamingTheFieldAndRecordsNothing(string fixture, string key, string field)
    {
        var body = WithField(fixture, key, new string('7', BsuidFormat.MaxAcceptedLength + 1));

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        var problem = Assert.IsType<ProblemHttpResult>(result);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal($"$.entry[0].changes[0].value.{field} is longer than 1024 characters", problem.ProblemDetails.Detail);
        Assert.Empty(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    [Fact]
    public async Task HandleDeliveryAsync_IdentifierOf1024Characters_Returns200AndRecords()
    {
        var body = WithField("text-bsuid-only-username.json", "from_user_id", new string('7', BsuidFormat.MaxAcceptedLength));

        var result = await sut.HandleDeliveryAsync(HttpRequests.Post(body, harness.Signature.Sign(body)), CancellationToken.None);

        Assert.Equal(StatusCodes.Status200OK, StatusOf(result));
        Assert.Single(await FrontDoorHarness.PeekAllAsync(harness.InboxQueue));
    }

    /// <summary>The fixture with Meta's example BSUID replaced everywhere by <paramref name="bsuid"/>.</summary>
    private static byte[] WithBsuid(string fixture, string bsuid)
    {
        var json = Encoding.UTF8.GetString(BsuidFixtures.Read(fixture));
        Assert.Contains(BsuidFixtures.Bsuid, json, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json.Replace(BsuidFixtures.Bsuid, bsuid, StringComparison.Ordinal));
    }

    /// <summary>The fixture with the string value of <paramref name="key"/> (each occurrence) set to <paramref name="value"/>.</summary>
    private static byte[] WithField(string fixture, string key, string value)
    {
        var json = Encoding.UTF8.GetString(BsuidFixtures.Read(fixture));
        var pattern = new Regex($"\"{Regex.Escape(key)}\": \"[^\"]*\"");
        Assert.Matches(pattern, json);
        return Encoding.UTF8.GetBytes(pattern.Replace(json, $"\"{key}\": \"{value}\""));
    }

    private static int? StatusOf(IResult result) => Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode;
}

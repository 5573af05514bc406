using System.Text;
using AstroBot.Continuity.Availability.FrontDoor;

namespace AstroBot.Continuity.Tests.Availability.FrontDoor;

public sealed class WebhookEnvelopeTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ToQueueText_Inline_IsBase64OfTheVersionedJson()
    {
        var sut = WebhookEnvelope.Inline(Encoding.UTF8.GetBytes("{}"), ReceivedAt);

        var json = Encoding.UTF8.GetString(Convert.FromBase64String(sut.ToQueueText()));

        Assert.Equal("""{"v":1,"receivedAt":"2026-11-27T12:00:00+00:00","body":"e30="}""", json);
    }

    [Fact]
    public void FromQueueText_DecodedJsonFromTheFunctionsTrigger_ReadsTheSameEnvelope()
    {
        var json = """{"v":1,"receivedAt":"2026-11-27T12:00:00+00:00","blob":"2026/11/27/abc.json"}""";

        var sut = WebhookEnvelope.FromQueueText(json);

        Assert.Equal("2026/11/27/abc.json", sut.Blob);
        Assert.Equal(ReceivedAt, sut.ReceivedAt);
    }

    [Theory]
    [InlineData("""{"v":2,"receivedAt":"2026-11-27T12:00:00+00:00","body":"e30="}""")]
    [InlineData("""{"v":1,"receivedAt":"2026-11-27T12:00:00+00:00"}""")]
    [InlineData("""{"v":1,"receivedAt":"2026-11-27T12:00:00+00:00","body":"e30=","blob":"a"}""")]
    [InlineData("""{"v":1,"body":[1,2]}""")]
    [InlineData("not base64 at all!")]
    public void FromQueueText_NotAKnownEnvelope_ThrowsInvalidData(string text)
    {
        Assert.Throws<InvalidDataException>(() => WebhookEnvelope.FromQueueText(text));
    }
}

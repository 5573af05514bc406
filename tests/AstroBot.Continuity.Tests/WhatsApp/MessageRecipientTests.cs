using AstroBot.Continuity.WhatsApp;

namespace AstroBot.Continuity.Tests.WhatsApp;

public class MessageRecipientTests
{
    private const string Phone = "16505551234";
    private const string Bsuid = "US.13491208655302741918";

    [Fact]
    public void ToPhone_Value_PhoneOnly()
    {
        var sut = MessageRecipient.ToPhone(Phone);

        Assert.Equal((Phone, (string?)null, Phone, "phone"), (sut.Phone, sut.Bsuid, sut.Value, sut.Kind));
    }

    [Fact]
    public void ToBsuid_Value_BsuidOnly()
    {
        var sut = MessageRecipient.ToBsuid(Bsuid);

        Assert.Equal(((string?)null, Bsuid, Bsuid, "bsuid"), (sut.Phone, sut.Bsuid, sut.Value, sut.Kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void ToPhone_EmptyOrNull_Throws(string? phone)
    {
        Assert.ThrowsAny<ArgumentException>(() => MessageRecipient.ToPhone(phone!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\t")]
    [InlineData(null)]
    public void ToBsuid_EmptyOrNull_Throws(string? bsuid)
    {
        Assert.ThrowsAny<ArgumentException>(() => MessageRecipient.ToBsuid(bsuid!));
    }

    [Fact]
    public void Equals_SameAddressSameKind_Equal()
    {
        var sut = MessageRecipient.ToBsuid(Bsuid);

        Assert.Equal(MessageRecipient.ToBsuid(Bsuid), sut);
        Assert.Equal(MessageRecipient.ToBsuid(Bsuid).GetHashCode(), sut.GetHashCode());
    }

    [Fact]
    public void Equals_SameValueAsPhoneAndAsBsuid_NotEqual()
    {
        var sut = MessageRecipient.ToPhone("12345");

        Assert.NotEqual(MessageRecipient.ToBsuid("12345"), sut);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ToString_NeverShowsTheValue(bool byPhone)
    {
        var sut = byPhone ? MessageRecipient.ToPhone(Phone) : MessageRecipient.ToBsuid(Bsuid);

        var text = sut.ToString();

        Assert.Equal(byPhone ? "phone" : "bsuid", text);
        Assert.DoesNotContain(sut.Value, text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_InsideARecordThatPrintsIt_NeverShowsTheValue()
    {
        var sut = MessageRecipient.ToBsuid(Bsuid);

        var printed = new Holder(sut).ToString();

        Assert.Contains("bsuid", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Bsuid, printed, StringComparison.Ordinal);
    }

    private sealed record Holder(MessageRecipient To);
}

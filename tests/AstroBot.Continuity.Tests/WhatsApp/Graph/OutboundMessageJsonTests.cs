using System.Text.Json.Nodes;
using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Graph;

namespace AstroBot.Continuity.Tests.WhatsApp.Graph;

public class OutboundMessageJsonTests
{
    private const string Phone = "16505551234";
    private const string Bsuid = "US.13491208655302741918";
    private const string ParentBsuid = "US.ENT.11815799212886844830";

    public static TheoryData<string> Kinds => ["text", "document", "template"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialize_BsuidRecipient_WritesRecipientAndNoTo(string kind)
    {
        var json = Serialize(Message(kind, MessageRecipient.ToBsuid(Bsuid)));

        Assert.Equal(Bsuid, (string?)json["recipient"]);
        Assert.False(json.ContainsKey("to"));
        Assert.Equal(("whatsapp", "individual", kind), ((string?)json["messaging_product"], (string?)json["recipient_type"], (string?)json["type"]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Serialize_PhoneRecipient_WritesToAndNoRecipient(string kind)
    {
        var json = Serialize(Message(kind, MessageRecipient.ToPhone(Phone)));

        Assert.Equal(Phone, (string?)json["to"]);
        Assert.False(json.ContainsKey("recipient"));
        Assert.Equal(("whatsapp", "individual", kind), ((string?)json["messaging_product"], (string?)json["recipient_type"], (string?)json["type"]));
    }

    [Fact]
    public void Serialize_ParentBsuidRecipient_WrittenWholeAsRecipient()
    {
        var json = Serialize(new TextMessage(MessageRecipient.ToBsuid(ParentBsuid), "hi"));

        Assert.Equal(ParentBsuid, (string?)json["recipient"]);
        Assert.False(json.ContainsKey("to"));
    }

    [Fact]
    public void Serialize_BsuidRecipient_ContentSameAsForAPhone()
    {
        var message = new TemplateMessage(MessageRecipient.ToPhone(Phone), "astrobot_reconnect", "en", ["Leo"]);
        var toPhone = Serialize(message);
        var toBsuid = Serialize(message with { To = MessageRecipient.ToBsuid(Bsuid) });

        toPhone.Remove("to");
        toBsuid.Remove("recipient");
        Assert.Equal(toPhone.ToJsonString(), toBsuid.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TypeOf_EachKind_GraphType(string kind)
    {
        Assert.Equal(kind, OutboundMessageJson.TypeOf(Message(kind, MessageRecipient.ToBsuid(Bsuid))));
    }

    private static OutboundMessage Message(string kind, MessageRecipient to) => kind switch
    {
        "text" => new TextMessage(to, "Your reading is ready"),
        "document" => new DocumentMessage(to, new Uri("https://example.blob.core.windows.net/exports/a.zip"), "a.zip", "Your data"),
        "template" => new TemplateMessage(to, "astrobot_reconnect", "en", ["Leo"]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static JsonObject Serialize(OutboundMessage message) => JsonNode.Parse(OutboundMessageJson.Serialize(message))!.AsObject();
}

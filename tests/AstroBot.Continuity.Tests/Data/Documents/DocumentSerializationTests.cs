using AstroBot.Continuity.Data.Documents;
using AstroBot.Continuity.Local.Data.Seed;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AstroBot.Continuity.Tests.Data.Documents;

public sealed class DocumentSerializationTests
{
    private static readonly UserDataSet User = SeedGenerator.GenerateUser(
        new SeedRequest(Users: 3, ReadingsPerUser: 12, Seed: 7, new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero)), userIndex: 1);

    public static TheoryData<BotDocument> OneOfEachType() =>
    [
        User.Account, User.Profiles[0], User.Preferences, User.Subscriptions[0], User.Readings[0], User.Messages[0],
    ];

    [Theory]
    [MemberData(nameof(OneOfEachType))]
    public void SerializeObject_AnyDocument_RoundTripsUnchanged(BotDocument sut)
    {
        var json = JsonConvert.SerializeObject(sut);

        var read = (BotDocument)JsonConvert.DeserializeObject(json, sut.GetType())!;

        Assert.Equal(json, JsonConvert.SerializeObject(read));
        Assert.Equal(sut.Type, read.Type);
    }

    [Theory]
    [MemberData(nameof(OneOfEachType))]
    public void SerializeObject_AnyDocument_WritesEnvelopeFirstInSnakeCase(BotDocument sut)
    {
        var json = JObject.Parse(JsonConvert.SerializeObject(sut));

        Assert.Equal(["id", "wa_id", "type", "schema_version"], json.Properties().Take(4).Select(property => property.Name));
        Assert.All(Names(json), name => Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", name));
        Assert.Equal(1, (int)json["schema_version"]!);
    }

    [Fact]
    public void SerializeObject_Account_WritesContractNames()
    {
        var json = JObject.Parse(JsonConvert.SerializeObject(User.Account));

        Assert.Equal(
            ["id", "wa_id", "type", "schema_version", "display_name", "locale", "consents", "created_at", "updated_at"],
            json.Properties().Select(property => property.Name));
        Assert.Equal("account", (string?)json["type"]);
        Assert.Equal(["purpose", "granted", "at"], ((JObject)json["consents"]![0]!).Properties().Select(property => property.Name));
        Assert.Equal("terms_of_service", (string?)json["consents"]![0]!["purpose"]);
    }

    [Fact]
    public void SerializeObject_Reading_WritesChartAndReferences()
    {
        var json = JObject.Parse(JsonConvert.SerializeObject(User.Readings[0]));

        Assert.Equal(
            ["id", "wa_id", "type", "schema_version", "kind", "created_at", "text", "chart", "profile_id", "partner_wa_id", "partner_profile_id"],
            json.Properties().Select(property => property.Name));
        Assert.Equal(["planets", "houses"], ((JObject)json["chart"]!).Properties().Select(property => property.Name));
        Assert.Equal(["body", "sign", "degree", "house"], ((JObject)json["chart"]!["planets"]![0]!).Properties().Select(property => property.Name));
        Assert.Equal("sun", (string?)json["chart"]!["planets"]![0]!["body"]);
    }

    [Fact]
    public void SerializeObject_Preferences_WritesEnumsAsSnakeCaseNames()
    {
        var sut = User.Preferences with { HouseSystem = HouseSystem.WholeSign, ZodiacSystem = ZodiacSystem.Sidereal };

        var json = JObject.Parse(JsonConvert.SerializeObject(sut));

        Assert.Equal("whole_sign", (string?)json["house_system"]);
        Assert.Equal("sidereal", (string?)json["zodiac_system"]);
        Assert.Equal(["id", "wa_id", "type", "schema_version", "delivery_time", "zodiac_system", "house_system", "language"],
            json.Properties().Select(property => property.Name));
    }

    [Fact]
    public void SerializeObject_MessageAndProfileAndSubscription_WriteContractNames()
    {
        Assert.Equal(
            ["id", "wa_id", "type", "schema_version", "wamid", "direction", "status", "at", "text", "conversation_id"],
            JObject.Parse(JsonConvert.SerializeObject(User.Messages[0])).Properties().Select(property => property.Name));
        Assert.Equal(
            ["id", "wa_id", "type", "schema_version", "profile_id", "label", "name", "birth_date", "birth_time", "place_name", "latitude", "longitude", "time_zone"],
            JObject.Parse(JsonConvert.SerializeObject(User.Profiles[0])).Properties().Select(property => property.Name));
        Assert.Equal(
            ["id", "wa_id", "type", "schema_version", "plan", "status", "started_at", "renews_at", "ended_at"],
            JObject.Parse(JsonConvert.SerializeObject(User.Subscriptions[0])).Properties().Select(property => property.Name));
    }

    [Fact]
    public void DeserializeObject_StoredTypeDiffers_KeepsRecordType()
    {
        var json = JObject.Parse(JsonConvert.SerializeObject(User.Account));
        json["type"] = "something_else";

        var sut = json.ToObject<AccountDocument>()!;

        Assert.Equal(DocumentTypes.Account, sut.Type);
    }

    [Fact]
    public void IdFor_WamidWithSlash_ReturnsStableCosmosSafeId()
    {
        var sut = MessageDocument.IdFor("wamid.HBgL/abc+def==");

        Assert.Equal(sut, MessageDocument.IdFor("wamid.HBgL/abc+def=="));
        Assert.NotEqual(sut, MessageDocument.IdFor("wamid.HBgL/abc+deg=="));
        Assert.Matches("^msg-[0-9a-f]{32}$", sut);
    }

    private static IEnumerable<string> Names(JToken token) => token switch
    {
        JObject obj => obj.Properties().SelectMany(property => Names(property.Value).Prepend(property.Name)),
        JArray array => array.SelectMany(Names),
        _ => [],
    };
}

using System.Text;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Export;
using AstroBot.Continuity.Portability.Import;

namespace AstroBot.Continuity.Tests.Portability.Export;

public sealed class ExportDocumentTests
{
    [Fact]
    public void Build_SeededUser_HoldsEveryCollectionWithTheUsersRecords()
    {
        var user = TestExports.Users[5];
        var data = TestExports.DataOf(user, TestExports.Audit(("export_requested", "whatsapp", "2026-11-30T10:00:00.0000000+00:00")));

        var sut = ExportDocument.Build(data, TestExports.GeneratedAt);

        Assert.Equal(
            ["$schema", "schema_version", "generated_at", "wa_id", "identifiers", "account", "profiles", "preferences", "subscriptions", "readings", "messages", "audit"],
            sut.Select(property => property.Key));
        Assert.Equal((ExportDocument.SchemaId, 1, user.WaId), ((string?)sut["$schema"], (int)sut["schema_version"]!, (string?)sut["wa_id"]));
        Assert.Equal(user.Account.Id, (string?)sut["account"]!["id"]);
        Assert.Equal(user.Preferences.Id, (string?)sut["preferences"]!["id"]);
        Assert.Equal(user.Profiles.Select(profile => profile.Id).Order(StringComparer.Ordinal), Ids(sut["profiles"]));
        Assert.Equal(user.Subscriptions.Select(subscription => subscription.Id).Order(StringComparer.Ordinal), Ids(sut["subscriptions"]));
        Assert.Equal(user.Readings.Select(reading => reading.Id).Order(StringComparer.Ordinal), Ids(sut["readings"]));
        Assert.Equal(user.Messages.Select(message => message.Id).Order(StringComparer.Ordinal), Ids(sut["messages"]));
        Assert.Equal("export_requested", (string?)Assert.Single(sut["audit"]!.AsArray())!["event"]);
    }

    [Fact]
    public void Build_GeneratedAtWithAnOffset_IsWrittenInUtc()
    {
        var data = TestExports.DataOf(TestExports.Users[0]);

        var sut = ExportDocument.Build(data, new DateTimeOffset(2026, 12, 1, 11, 30, 0, TimeSpan.FromHours(2)));

        Assert.Equal("2026-12-01T09:30:00.0000000+00:00", (string?)sut["generated_at"]);
    }

    [Fact]
    public void Build_EverySeededUser_ValidatesAgainstTheExportSchema()
    {
        foreach (var user in TestExports.Users)
        {
            var sut = ExportDocument.Build(TestExports.DataOf(user, TestExports.Audit(("export_downloaded", "operator", "2026-11-30T10:00:00.0000000+00:00"))), TestExports.GeneratedAt);

            // Through the bytes that go into data.json, as an import reads them.
            ExportSchema.Validate(JsonNode.Parse(ExportDocument.Serialize(sut))!.AsObject());
        }
    }

    [Fact]
    public void Build_UserWithNoData_HasNullSinglesEmptyCollectionsAndValidates()
    {
        var data = new UserData("15550000000", new Dictionary<string, IReadOnlyList<JsonObject>>(), [], []);

        var sut = ExportDocument.Build(data, TestExports.GeneratedAt);

        Assert.Null(sut["account"]);
        Assert.True(sut.ContainsKey("account"));
        Assert.Null(sut["preferences"]);
        Assert.Empty(sut["profiles"]!.AsArray());
        Assert.Empty(sut["messages"]!.AsArray());
        ExportSchema.Validate(JsonNode.Parse(ExportDocument.Serialize(sut))!.AsObject());
    }

    [Fact]
    public void Build_BirthData_KeepsLocalDateAndTimeTheIanaZoneAndTheCoordinates()
    {
        var user = TestExports.Users.First(candidate => candidate.Profiles.Any(profile => profile.BirthTime != "unknown"));
        var expected = user.Profiles.First(profile => profile.BirthTime != "unknown");

        var sut = ExportDocument.Build(TestExports.DataOf(user), TestExports.GeneratedAt)["profiles"]!.AsArray()
            .Single(profile => (string?)profile!["id"] == expected.Id)!;

        Assert.Equal(expected.BirthDate, (string?)sut["birth_date"]);
        Assert.Equal(expected.BirthTime, (string?)sut["birth_time"]);
        Assert.Matches("^[0-9]{2}:[0-9]{2}$", (string?)sut["birth_time"]);
        Assert.Equal(expected.TimeZone, (string?)sut["time_zone"]);
        Assert.Contains("/", expected.TimeZone, StringComparison.Ordinal);
        Assert.Equal(expected.Latitude, (double)sut["latitude"]!);
        Assert.Equal(expected.Longitude, (double)sut["longitude"]!);
        Assert.Equal(expected.PlaceName, (string?)sut["place_name"]);
    }

    [Fact]
    public void Build_ProfileBornAfterMidnightFarFromUtc_KeepsTheLocalDateAndTimeUnshifted()
    {
        var user = TestExports.Users[1];
        var data = TestExports.With(TestExports.DataOf(user), BotDataModel.Profiles.Name, profile =>
        {
            profile["birth_date"] = "1990-01-01";
            profile["birth_time"] = "00:30";
            profile["time_zone"] = "Pacific/Auckland";
            profile["latitude"] = -36.8485;
            profile["longitude"] = 174.7633;
        });

        var sut = JsonNode.Parse(ExportDocument.Serialize(ExportDocument.Build(data, TestExports.GeneratedAt)))!["profiles"]!.AsArray();

        Assert.All(sut, profile =>
        {
            Assert.Equal("1990-01-01", (string?)profile!["birth_date"]);
            Assert.Equal("00:30", (string?)profile["birth_time"]);
            Assert.Equal("Pacific/Auckland", (string?)profile["time_zone"]);
            Assert.Equal((-36.8485, 174.7633), ((double)profile["latitude"]!, (double)profile["longitude"]!));
        });
    }

    [Fact]
    public void Build_Document_DoesNotShareNodesWithTheData()
    {
        var data = TestExports.DataOf(TestExports.Users[2]);

        var sut = ExportDocument.Build(data, TestExports.GeneratedAt);
        sut["account"]!["display_name"] = "changed";

        Assert.NotEqual("changed", (string?)data.ItemsOf(BotDataModel.Accounts.Name)[0]["display_name"]);
    }

    [Fact]
    public void Serialize_Document_IsIndentedUtf8JsonThatParsesBackEqual()
    {
        var document = ExportDocument.Build(TestExports.DataOf(TestExports.Users[4]), TestExports.GeneratedAt);

        var sut = ExportDocument.Serialize(document);

        Assert.Contains("\n  \"schema_version\": 1", Encoding.UTF8.GetString(sut), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(document, JsonNode.Parse(sut)));
    }

    private static IEnumerable<string?> Ids(JsonNode? collection) => collection!.AsArray().Select(item => (string?)item!["id"]);
}

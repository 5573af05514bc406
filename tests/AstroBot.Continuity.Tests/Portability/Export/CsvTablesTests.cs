using System.Text;
using System.Text.Json.Nodes;
using AstroBot.Continuity.Data;
using AstroBot.Continuity.Portability.Export;

namespace AstroBot.Continuity.Tests.Portability.Export;

public sealed class CsvTablesTests
{
    [Fact]
    public void Write_Items_HeaderRowIsEveryTopLevelPropertyInFirstSeenOrder()
    {
        JsonObject[] items =
        [
            new() { ["id"] = "a", ["plan"] = "free" },
            new() { ["id"] = "b", ["status"] = "active", ["plan"] = "premium_monthly" },
        ];

        var sut = Encoding.UTF8.GetString(CsvTables.Write(items));

        Assert.StartsWith("id,plan,status\r\n", sut, StringComparison.Ordinal);
        Assert.Equal(["id,plan,status", "a,free,", "b,premium_monthly,active", ""], sut.Split("\r\n"));
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line one\r\nline two", "\"line one\r\nline two\"")]
    [InlineData("lf\nonly", "\"lf\nonly\"")]
    [InlineData("cr\ronly", "\"cr\ronly\"")]
    [InlineData("plain text; no quoting", "plain text; no quoting")]
    public void Write_FieldWithCommaQuoteOrLineBreak_IsQuotedWithQuotesDoubled(string value, string expectedCell)
    {
        var sut = Encoding.UTF8.GetString(CsvTables.Write([new JsonObject { ["text"] = value }]));

        Assert.Equal($"text\r\n{expectedCell}\r\n", sut);
        Assert.Equal(value, Assert.Single(Csv.Rows(sut))["text"]);
    }

    [Fact]
    public void Write_NonAscii_IsUtf8WithoutBomOrEscaping()
    {
        const string name = "José Müller 日本 ✨ 💞";

        var sut = CsvTables.Write([new JsonObject { ["name"] = name }]);

        Assert.False(sut.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
        Assert.Equal($"name\r\n{name}\r\n", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(sut));
    }

    [Fact]
    public void Write_NestedObjectsAndArrays_AreJsonTextInTheirCell()
    {
        var chart = new JsonObject
        {
            ["planets"] = new JsonArray(new JsonObject { ["body"] = "sun", ["sign"] = "leo", ["degree"] = 12.5, ["house"] = null }),
            ["houses"] = new JsonArray(),
        };
        var consents = new JsonArray(new JsonObject { ["purpose"] = "marketing", ["granted"] = false, ["at"] = "2026-01-02T03:04:05+00:00" });

        var sut = Csv.Rows(Encoding.UTF8.GetString(CsvTables.Write([new JsonObject { ["chart"] = chart.DeepClone(), ["consents"] = consents.DeepClone() }])));

        var row = Assert.Single(sut);
        Assert.True(JsonNode.DeepEquals(chart, JsonNode.Parse(row["chart"])), row["chart"]);
        Assert.True(JsonNode.DeepEquals(consents, JsonNode.Parse(row["consents"])), row["consents"]);
    }

    [Fact]
    public void Write_NestedValues_KeepTimestampsAndNonAsciiReadableInTheJsonText()
    {
        // "Timestamps stay ISO 8601 as stored": also inside a nested cell, where a person reads them in a spreadsheet.
        var consents = new JsonArray(new JsonObject { ["purpose"] = "marketing", ["at"] = "2026-01-02T03:04:05+00:00", ["note"] = "José ✨" });

        var sut = Assert.Single(Csv.Rows(Encoding.UTF8.GetString(CsvTables.Write([new JsonObject { ["consents"] = consents }]))))["consents"];

        Assert.Contains("\"2026-01-02T03:04:05+00:00\"", sut, StringComparison.Ordinal);
        Assert.Contains("José ✨", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Scalars_NumbersAsJsonBooleansAsTrueFalseNullAndMissingAsEmpty()
    {
        JsonObject[] items =
        [
            new() { ["latitude"] = -33.8688, ["granted"] = true, ["renews_at"] = null, ["count"] = 3 },
            new() { ["latitude"] = 0.5, ["granted"] = false },
        ];

        var sut = Csv.Rows(Encoding.UTF8.GetString(CsvTables.Write(items)));

        Assert.Equal(("-33.8688", "true", string.Empty, "3"), (sut[0]["latitude"], sut[0]["granted"], sut[0]["renews_at"], sut[0]["count"]));
        Assert.Equal(("0.5", "false", string.Empty, string.Empty), (sut[1]["latitude"], sut[1]["granted"], sut[1]["renews_at"], sut[1]["count"]));
    }

    [Fact]
    public void Write_SeededMessagesAndReadings_ParseBackToTheSameValues()
    {
        var data = TestExports.DataOf(TestExports.Users[3]);

        foreach (var container in new[] { BotDataModel.Messages.Name, BotDataModel.Readings.Name, BotDataModel.Profiles.Name })
        {
            var items = data.ItemsOf(container);
            var sut = Csv.Rows(Encoding.UTF8.GetString(CsvTables.Write(items)));

            Assert.Equal(items.Count, sut.Count);
            Assert.Equal(items.SelectMany(item => item.Select(property => property.Key)).Distinct(StringComparer.Ordinal), Csv.Parse(Encoding.UTF8.GetString(CsvTables.Write(items)))[0]);
            foreach (var (item, row) in items.Zip(sut))
            {
                Assert.All(item.Where(property => property.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String),
                    property => Assert.Equal((string)property.Value!, row[property.Key]));
            }
        }
    }

    [Fact]
    public void Write_Timestamps_StayIso8601AsStored()
    {
        var account = TestExports.DataOf(TestExports.Users[0]).ItemsOf(BotDataModel.Accounts.Name)[0];

        var sut = Assert.Single(Csv.Rows(Encoding.UTF8.GetString(CsvTables.Write([account]))));

        Assert.Equal((string)account["created_at"]!, sut["created_at"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", sut["created_at"]);
    }
}

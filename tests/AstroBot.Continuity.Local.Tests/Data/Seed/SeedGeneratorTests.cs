using System.Text.RegularExpressions;
using AstroBot.Continuity.Data.Documents;
using AstroBot.Continuity.Local.Data.Seed;
using Newtonsoft.Json;

namespace AstroBot.Continuity.Local.Tests.Data.Seed;

public sealed class SeedGeneratorTests
{
    private static readonly DateTimeOffset BaseTime = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
    private static readonly SeedRequest Request = new(Users: 200, ReadingsPerUser: 6, Seed: 1234, BaseTime);
    private static readonly List<UserDataSet> Users = [.. SeedGenerator.Generate(Request)];
    private static readonly List<BotDocument> AllDocuments = [.. Users.SelectMany(user => user.Documents)];

    private static string Serialize(IEnumerable<UserDataSet> users) =>
        string.Join('\n', users.SelectMany(user => user.Documents).Select(document => JsonConvert.SerializeObject(document)));

    [Fact]
    public void Generate_SameRequest_ProducesByteIdenticalDocuments()
    {
        var sut = SeedGenerator.Generate(Request with { });

        Assert.Equal(Serialize(Users), Serialize(sut));
    }

    [Fact]
    public void Generate_DifferentSeed_ProducesDifferentDocuments()
    {
        var sut = SeedGenerator.Generate(Request with { Seed = 1235 }).ToList();

        Assert.NotEqual(Serialize(Users), Serialize(sut));
        Assert.NotEqual(Users.Select(user => user.WaId), sut.Select(user => user.WaId));
    }

    [Fact]
    public void GenerateUser_OutOfOrder_EqualsTheUserGenerateYields()
    {
        var sut = SeedGenerator.GenerateUser(Request, userIndex: 137);

        Assert.Equal(Serialize(Users.Skip(137).Take(1)), Serialize([sut]));
    }

    [Fact]
    public void Generate_AnyRequest_YieldsOneAccountAndPreferencesAndTheRequestedReadingsPerUser()
    {
        Assert.Equal(Request.Users, Users.Count);
        Assert.All(Users, user =>
        {
            Assert.Equal(Request.ReadingsPerUser, user.Readings.Count);
            Assert.Equal(user.WaId, user.Account.Id);
            Assert.Equal(user.WaId, user.Preferences.Id);
            Assert.Equal("self", user.Profiles[0].Label);
            Assert.NotEmpty(user.Subscriptions);
            Assert.All(user.Documents, document => Assert.Equal(user.WaId, document.WaId));
        });
    }

    [Fact]
    public void Generate_AnyRequest_GivesUniqueE164LikeWaIds()
    {
        var waIds = Users.Select(user => user.WaId).ToList();

        Assert.Equal(waIds.Count, waIds.Distinct(StringComparer.Ordinal).Count());
        Assert.All(waIds, waId => Assert.Matches("^1555[0-9]{7}$", waId));
    }

    [Fact]
    public void Generate_AnyRequest_IdsAreUniquePerContainerAndPartitionAndValidForCosmos()
    {
        var keys = AllDocuments.Select(document => (document.Type, document.WaId, document.Id)).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(AllDocuments, document => Assert.DoesNotMatch(@"[/\\?#]", document.Id));
    }

    [Fact]
    public void Generate_AnyRequest_ReadingsReferenceProfilesThatExist()
    {
        var profiles = Users.SelectMany(user => user.Profiles).Select(profile => (profile.WaId, profile.ProfileId)).ToHashSet();
        var readings = Users.SelectMany(user => user.Readings).ToList();

        Assert.All(readings, reading => Assert.Contains((reading.WaId, reading.ProfileId), profiles));
        var compatibility = readings.Where(reading => reading.Kind == ReadingKind.Compatibility).ToList();
        Assert.All(compatibility, reading => Assert.Contains((reading.PartnerWaId!, reading.PartnerProfileId!), profiles));
        Assert.Contains(compatibility, reading => reading.PartnerWaId != reading.WaId);
        Assert.Contains(compatibility, reading => reading.PartnerWaId == reading.WaId);
        Assert.All(readings.Where(reading => reading.Kind != ReadingKind.Compatibility), reading =>
        {
            Assert.Null(reading.PartnerWaId);
            Assert.Null(reading.PartnerProfileId);
        });
    }

    [Fact]
    public void Generate_AnyRequest_ProducesEveryReadingKindWithCharts()
    {
        var readings = Users.SelectMany(user => user.Readings).ToList();

        Assert.Equal(Enum.GetValues<ReadingKind>().Order(), readings.Select(reading => reading.Kind).Distinct().Order());
        Assert.All(readings, reading =>
        {
            Assert.Equal(10, reading.Chart.Planets.Count);
            Assert.All(reading.Chart.Planets, planet => Assert.InRange(planet.Degree, 0, 30));
            Assert.Contains(reading.Chart.Houses.Count, new[] { 0, 12 });
            Assert.False(string.IsNullOrWhiteSpace(reading.Text));
        });
    }

    [Fact]
    public void Generate_AnyRequest_NatalChartOfUnknownBirthTimeHasNoHouses()
    {
        var profiles = Users.SelectMany(user => user.Profiles).ToDictionary(profile => (profile.WaId, profile.ProfileId));
        var natal = Users.SelectMany(user => user.Readings).Where(reading => reading.Kind == ReadingKind.Natal).ToList();

        Assert.All(natal, reading =>
        {
            var unknown = profiles[(reading.WaId, reading.ProfileId)].BirthTime == ProfileDocument.UnknownBirthTime;
            Assert.Equal(unknown ? 0 : 12, reading.Chart.Houses.Count);
            Assert.All(reading.Chart.Planets, planet => Assert.Equal(unknown, planet.House is null));
        });
    }

    [Fact]
    public void Generate_AnyRequest_ProfilesHaveRealisticBirthData()
    {
        var profiles = Users.SelectMany(user => user.Profiles).ToList();

        Assert.Contains(profiles, profile => profile.BirthTime == ProfileDocument.UnknownBirthTime);
        Assert.Contains(profiles, profile => profile.Label == "partner");
        Assert.All(profiles, profile =>
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", profile.BirthDate);
            Assert.Matches(@"^(unknown|([01]\d|2[0-3]):[0-5]\d)$", profile.BirthTime);
            Assert.InRange(profile.Latitude, -90, 90);
            Assert.InRange(profile.Longitude, -180, 180);
            Assert.Matches("^[A-Z][A-Za-z_]+/[A-Za-z_/]+$", profile.TimeZone);
        });
    }

    [Fact]
    public void Generate_AnyRequest_TimesComeFromBaseTimeNeverAfterIt()
    {
        Assert.All(Users, user =>
        {
            Assert.True(user.Account.CreatedAt < BaseTime);
            Assert.True(user.Account.UpdatedAt <= BaseTime);
            Assert.All(user.Readings, reading => Assert.InRange(reading.CreatedAt, user.Account.CreatedAt, BaseTime));
            Assert.All(user.Messages, message => Assert.InRange(message.At, user.Account.CreatedAt, BaseTime));
            Assert.All(user.Subscriptions, subscription =>
            {
                Assert.True(subscription.StartedAt < BaseTime);
                Assert.True(subscription.EndedAt is null || subscription.EndedAt <= BaseTime);
                Assert.True(subscription.RenewsAt is null || subscription.RenewsAt > BaseTime);
            });
        });
    }

    [Fact]
    public void Generate_AnyRequest_MessagesAreConversationsWithWamids()
    {
        Assert.All(Users, user =>
        {
            Assert.All(user.Messages, message =>
            {
                Assert.StartsWith("wamid.", message.Wamid, StringComparison.Ordinal);
                Assert.Equal(MessageDocument.IdFor(message.Wamid), message.Id);
            });
            Assert.All(user.Messages.GroupBy(message => message.ConversationId), conversation =>
                Assert.Contains(conversation, message => message.Direction == MessageDirection.Out));
            Assert.Contains(user.Messages, message => message.Direction == MessageDirection.In);
        });
        Assert.Contains(AllDocuments.OfType<MessageDocument>(), message => message.Wamid.Contains('/', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(1, -1)]
    [InlineData(SeedRequest.MaxUsers + 1, 1)]
    public void Generate_CountOutOfRange_Throws(int users, int readingsPerUser) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedGenerator.Generate(new SeedRequest(users, readingsPerUser, Seed: 1, BaseTime)));

    [Fact]
    public void Generate_ZeroUsers_YieldsNothing() =>
        Assert.Empty(SeedGenerator.Generate(Request with { Users = 0 }));

    [Fact]
    public void Generate_SingleUser_CompatibilityStaysWithinOwnProfiles()
    {
        var sut = SeedGenerator.Generate(new SeedRequest(Users: 1, ReadingsPerUser: 40, Seed: 5, BaseTime)).Single();

        Assert.All(sut.Readings.Where(reading => reading.Kind == ReadingKind.Compatibility), reading =>
            Assert.Contains(sut.Profiles, profile => profile.ProfileId == reading.PartnerProfileId && reading.PartnerWaId == sut.WaId));
    }

    [Fact]
    public void Generate_AnyRequest_LocalesAndLanguagesAgree() =>
        Assert.All(Users, user =>
        {
            Assert.Matches("^[a-z]{2}-[A-Z]{2}$", user.Account.Locale);
            Assert.StartsWith(user.Preferences.Language + "-", user.Account.Locale, StringComparison.Ordinal);
            Assert.Matches(new Regex(@"^([01]\d|2[0-3]):[0-5]\d$"), user.Preferences.DeliveryTime);
        });
}

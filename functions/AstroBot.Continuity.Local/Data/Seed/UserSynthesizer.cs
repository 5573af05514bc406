using System.Globalization;
using AstroBot.Continuity.Data.Documents;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>
/// Builds one synthetic user: account, birth profiles, preferences and subscriptions here; readings and
/// messages through <see cref="ReadingSynthesizer"/> and <see cref="ConversationSynthesizer"/>. Every draw comes
/// from the user's own <see cref="SeedRandom"/> in a fixed order, which is what makes the output reproducible.
/// </summary>
internal sealed class UserSynthesizer(SeedRequest request, int userIndex)
{
    private static readonly string[] DeliveryTimes = ["06:30", "07:00", "07:30", "08:00", "09:00", "12:00", "20:00", "21:30"];

    private readonly SyntheticIdentity identity = SyntheticIdentity.For(request.Seed, userIndex);
    private readonly SeedRandom random = SeedRandom.For(request.Seed, userIndex, SeedStream.Content);
    private readonly DateTimeOffset now = request.BaseTime.ToUniversalTime();

    public UserDataSet Synthesize()
    {
        var home = random.Pick(City.All);
        var createdAt = now - TimeSpan.FromMinutes(random.Next(95 * 24 * 60, 730 * 24 * 60));
        var profiles = Profiles(home);
        var preferences = Preferences(home);
        var account = Account(home, profiles[0], createdAt);
        var subscriptions = Subscriptions(createdAt);
        var readings = new ReadingSynthesizer(request, userIndex, random).Synthesize(profiles, preferences, createdAt);
        var messages = new ConversationSynthesizer(identity.WaId, random).Synthesize(createdAt, readings);
        return new UserDataSet(userIndex, identity.WaId, account, profiles, preferences, subscriptions, readings, messages);
    }

    private AccountDocument Account(City home, ProfileDocument self, DateTimeOffset createdAt)
    {
        var givenName = self.Name[..self.Name.IndexOf(' ', StringComparison.Ordinal)];
        return new AccountDocument
        {
            Id = identity.WaId,
            WaId = identity.WaId,
            DisplayName = random.Chance(0.8) ? givenName : self.Name,
            Locale = home.Locale,
            Consents =
            [
                new Consent(ConsentPurpose.TermsOfService, true, createdAt),
                new Consent(ConsentPurpose.BirthDataProcessing, true, createdAt.AddMinutes(1)),
                new Consent(ConsentPurpose.DailyReadings, random.Chance(0.85), createdAt.AddMinutes(2)),
                new Consent(ConsentPurpose.Marketing, random.Chance(0.35), createdAt.AddMinutes(2)),
            ],
            CreatedAt = createdAt,
            UpdatedAt = createdAt + ((now - createdAt) * random.NextDouble()),
        };
    }

    private List<ProfileDocument> Profiles(City home)
    {
        var profiles = new List<ProfileDocument> { Profile(identity.SelfProfileId, "self", random.Chance(0.7) ? home : random.Pick(City.All)) };
        if (random.Chance(0.4))
        {
            profiles.Add(Profile("prf-" + random.Hex(16), "partner", random.Pick(City.All)));
        }

        if (random.Chance(0.15))
        {
            profiles.Add(Profile("prf-" + random.Hex(16), "friend", random.Pick(City.All)));
        }

        return profiles;
    }

    private ProfileDocument Profile(string profileId, string label, City birthPlace)
    {
        var birthDate = new DateOnly(now.Year - random.Next(18, 72), 1, 1).AddDays(random.Next(0, 365));
        return new ProfileDocument
        {
            Id = profileId,
            WaId = identity.WaId,
            ProfileId = profileId,
            Label = label,
            Name = $"{random.Pick(PersonNames.Given)} {random.Pick(PersonNames.Family)}",
            BirthDate = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // About one person in five does not know their birth time.
            BirthTime = random.Chance(0.2) ? ProfileDocument.UnknownBirthTime : random.ClockTime(minuteStep: 1),
            PlaceName = birthPlace.PlaceName,
            Latitude = birthPlace.Latitude,
            Longitude = birthPlace.Longitude,
            TimeZone = birthPlace.TimeZone,
        };
    }

    private PreferencesDocument Preferences(City home) => new()
    {
        Id = identity.WaId,
        WaId = identity.WaId,
        DeliveryTime = random.Pick(DeliveryTimes),
        // Vedic astrology, common among the bot's Indian users, is sidereal.
        ZodiacSystem = random.Chance(home.Country == "India" ? 0.7 : 0.08) ? ZodiacSystem.Sidereal : ZodiacSystem.Tropical,
        HouseSystem = random.NextDouble() switch
        {
            < 0.55 => HouseSystem.Placidus,
            < 0.80 => HouseSystem.WholeSign,
            < 0.90 => HouseSystem.Koch,
            _ => HouseSystem.Equal,
        },
        Language = home.Language,
    };

    private List<SubscriptionDocument> Subscriptions(DateTimeOffset createdAt)
    {
        var subscriptions = new List<SubscriptionDocument>();
        var currentStart = createdAt;
        if (random.Chance(0.3))
        {
            // A premium month tried early on and left to lapse.
            var trialStart = createdAt.AddDays(random.Next(1, 20));
            currentStart = trialStart.AddMonths(1);
            subscriptions.Add(Subscription(SubscriptionPlan.PremiumMonthly, SubscriptionStatus.Expired, trialStart, renewsAt: null, endedAt: currentStart));
        }

        if (random.Chance(0.55))
        {
            subscriptions.Add(Subscription(SubscriptionPlan.Free, SubscriptionStatus.Active, currentStart, renewsAt: null, endedAt: null));
            return subscriptions;
        }

        var plan = random.Chance(0.75) ? SubscriptionPlan.PremiumMonthly : SubscriptionPlan.PremiumYearly;
        var startedAt = currentStart.AddDays(random.Next(0, 30));
        var endedAt = startedAt + ((now - startedAt) * random.NextDouble());
        subscriptions.Add(random.NextDouble() switch
        {
            < 0.7 => Subscription(plan, SubscriptionStatus.Active, startedAt, NextRenewal(plan, startedAt), endedAt: null),
            < 0.9 => Subscription(plan, SubscriptionStatus.Cancelled, startedAt, renewsAt: null, endedAt),
            _ => Subscription(plan, SubscriptionStatus.Expired, startedAt, renewsAt: null, endedAt),
        });
        return subscriptions;
    }

    private SubscriptionDocument Subscription(
        SubscriptionPlan plan, SubscriptionStatus status, DateTimeOffset startedAt, DateTimeOffset? renewsAt, DateTimeOffset? endedAt) => new()
    {
        Id = "sub-" + random.Hex(16),
        WaId = identity.WaId,
        Plan = plan,
        Status = status,
        StartedAt = startedAt,
        RenewsAt = renewsAt,
        EndedAt = endedAt,
    };

    private DateTimeOffset NextRenewal(SubscriptionPlan plan, DateTimeOffset startedAt)
    {
        var renewal = startedAt;
        while (renewal <= now)
        {
            renewal = plan == SubscriptionPlan.PremiumYearly ? renewal.AddYears(1) : renewal.AddMonths(1);
        }

        return renewal;
    }
}

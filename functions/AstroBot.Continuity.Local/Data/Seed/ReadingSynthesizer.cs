using System.Globalization;
using AstroBot.Continuity.Data.Documents;

namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>
/// A user's readings, spread between sign-up and the base time. Compatibility readings pair the user with their own
/// partner or friend profile, or with another synthetic user's "self" profile (a cross-partition reference).
/// </summary>
internal sealed class ReadingSynthesizer(SeedRequest request, int userIndex, SeedRandom random)
{
    private readonly DateTimeOffset now = request.BaseTime.ToUniversalTime();

    public List<ReadingDocument> Synthesize(IReadOnlyList<ProfileDocument> profiles, PreferencesDocument preferences, DateTimeOffset accountCreatedAt)
    {
        var self = profiles[0];
        var firstReadingAt = accountCreatedAt.AddDays(1);
        return Enumerable.Range(0, request.ReadingsPerUser)
            .Select(_ => firstReadingAt + ((now - firstReadingAt) * random.NextDouble()))
            .Order()
            .ToList()
            .Select(createdAt => Reading(createdAt, self, profiles, preferences))
            .ToList();
    }

    private ReadingDocument Reading(DateTimeOffset createdAt, ProfileDocument self, IReadOnlyList<ProfileDocument> profiles, PreferencesDocument preferences)
    {
        var kind = random.NextDouble() switch
        {
            < 0.5 => ReadingKind.Daily,
            < 0.65 => ReadingKind.Transit,
            < 0.8 => ReadingKind.Natal,
            _ => ReadingKind.Compatibility,
        };
        var partner = kind == ReadingKind.Compatibility ? Partner(profiles) : null;
        if (kind == ReadingKind.Compatibility && partner is null)
        {
            kind = ReadingKind.Natal; // a lone user of a one-user seed has nobody to compare with
        }

        var subject = kind == ReadingKind.Natal && profiles.Count > 1 && random.Chance(0.3) ? random.Pick(profiles) : self;
        var chart = kind is ReadingKind.Daily or ReadingKind.Transit
            ? ChartSynthesizer.Compute(createdAt, Ascendant(self), preferences.HouseSystem, preferences.ZodiacSystem, random)
            : ChartSynthesizer.Compute(BirthMoment(subject), Ascendant(subject), preferences.HouseSystem, preferences.ZodiacSystem, random);
        return new ReadingDocument
        {
            Id = "rdg-" + random.Hex(20),
            WaId = self.WaId,
            Kind = kind,
            CreatedAt = createdAt,
            Text = ReadingTexts.Compose(kind, chart, random),
            Chart = chart,
            ProfileId = subject.ProfileId,
            PartnerWaId = partner?.WaId,
            PartnerProfileId = partner?.ProfileId,
        };
    }

    private (string WaId, string ProfileId)? Partner(IReadOnlyList<ProfileDocument> profiles)
    {
        var ownOthers = profiles.Skip(1).ToList();
        var canPickOtherUser = request.Users > 1;
        if (ownOthers.Count > 0 && (!canPickOtherUser || random.Chance(0.5)))
        {
            var profile = random.Pick(ownOthers);
            return (profile.WaId, profile.ProfileId);
        }

        if (!canPickOtherUser)
        {
            return null;
        }

        var other = random.Next(0, request.Users - 1);
        other += other >= userIndex ? 1 : 0;
        var identity = SyntheticIdentity.For(request.Seed, other);
        return (identity.WaId, identity.SelfProfileId);
    }

    private static DateTimeOffset BirthMoment(ProfileDocument profile)
    {
        var date = DateOnly.ParseExact(profile.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new DateTimeOffset(date.ToDateTime(LocalBirthTime(profile) is { } time ? TimeOnly.FromTimeSpan(time) : new TimeOnly(12, 0)), TimeSpan.Zero);
    }

    private static double? Ascendant(ProfileDocument profile) =>
        LocalBirthTime(profile) is { } time ? ChartSynthesizer.AscendantAt(BirthMoment(profile), time) : null;

    private static TimeSpan? LocalBirthTime(ProfileDocument profile) =>
        profile.BirthTime == ProfileDocument.UnknownBirthTime
            ? null
            : TimeSpan.ParseExact(profile.BirthTime, @"hh\:mm", CultureInfo.InvariantCulture);
}

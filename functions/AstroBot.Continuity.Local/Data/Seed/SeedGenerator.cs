namespace AstroBot.Continuity.Local.Data.Seed;

/// <summary>
/// Deterministic synthetic data for the bot's containers: the same <see cref="SeedRequest"/> always yields
/// byte-identical documents, and each user can be generated alone (users do not share a random sequence).
/// </summary>
public static class SeedGenerator
{
    /// <summary>The users of <paramref name="request"/>, generated lazily in index order.</summary>
    public static IEnumerable<UserDataSet> Generate(SeedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        return Enumerable.Range(0, request.Users).Select(userIndex => GenerateUser(request, userIndex));
    }

    /// <summary>User <paramref name="userIndex"/> of <paramref name="request"/>, the same as the one <see cref="Generate"/> yields.</summary>
    public static UserDataSet GenerateUser(SeedRequest request, int userIndex)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(userIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(userIndex, request.Users);
        return new UserSynthesizer(request, userIndex).Synthesize();
    }
}

using System.Text.RegularExpressions;
using AstroBot.Continuity.Arm;

namespace AstroBot.Continuity.Recovery.Drills.NativeBackup;

/// <summary>
/// The name of the account a native backup drill restores into, derived from its drill id: <c>astrobot-drill-</c>, the
/// id's start in lowercase and its random part (<c>astrobot-drill-20261128t090000z-1a2b3c4d</c>, 40 characters). Cosmos
/// DB takes 3-44 lowercase letters, digits and dashes, unique in all of Azure: the random part keeps drills apart.
/// </summary>
public static class NativeBackupAccountName
{
    private const string Prefix = "astrobot-drill-";

    /// <exception cref="ArgumentException">The id is not one <see cref="DrillId.New"/> makes.</exception>
    public static string For(string drillId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(drillId);
        var parts = drillId.Split('-');
        var name = Prefix + parts[0].ToLowerInvariant() + "-" + parts[^1].ToLowerInvariant();
        return parts.Length >= 4 && name.Length <= 44 && Regex.IsMatch(name, ArmNamePatterns.CosmosAccount)
            ? name
            : throw new ArgumentException($"'{drillId}' is not a drill id a Cosmos DB account name can be made of.", nameof(drillId));
    }
}

namespace AstroBot.Continuity.Bench.Report;

/// <summary>The targets for data portability ("Data portability", performance section).</summary>
internal static class PortabilityTargets
{
    /// <summary>An export through WhatsApp: p99 from the request to the link being sent, on the local emulators.</summary>
    public static readonly TimeSpan LinkP99Max = TimeSpan.FromSeconds(2);

    /// <summary>Importing this many users ...</summary>
    public const int ImportUsers = 100_000;

    /// <summary>... takes at most this long on this machine.</summary>
    public static readonly TimeSpan ImportMax = TimeSpan.FromMinutes(10);

    /// <summary>The import rate that meets it.</summary>
    public static double ImportUsersPerSecondMin => ImportUsers / ImportMax.TotalSeconds;
}

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>What <c>continuity</c> exits with, for scripts and automation.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadConfiguration = 2;
    public const int Unreachable = 3;

    /// <summary>Not started by choice, not by fault: another drill runs, or drills are not confirmed on production data.</summary>
    public const int Refused = 4;
    public const int Cancelled = 130;
}

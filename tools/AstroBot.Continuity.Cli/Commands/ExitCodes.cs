namespace AstroBot.Continuity.Cli.Commands;

/// <summary>What <c>continuity</c> exits with, for scripts and automation.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadConfiguration = 2;
    public const int Unreachable = 3;
    public const int Cancelled = 130;
}

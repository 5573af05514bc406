namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>How far <c>export --all</c> is: reported after every user.</summary>
internal sealed record TenantExportProgress(int Users, long Items, long Bytes, TimeSpan Elapsed)
{
    public double UsersPerSecond => CountingProgress.Rate(Users, Elapsed);

    public string Describe() =>
        $"Exporting: {Display.Count(Users)} users ({UsersPerSecond:F1} users/s), {Display.Count(Items)} items, {Display.Bytes(Bytes)}";
}

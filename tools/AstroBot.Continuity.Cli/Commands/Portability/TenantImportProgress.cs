namespace AstroBot.Continuity.Cli.Commands.Portability;

/// <summary>How far <c>import --all</c> is: reported after every archive.</summary>
internal sealed record TenantImportProgress(int Archives, int Refused, long Records, TimeSpan Elapsed)
{
    public double ArchivesPerSecond => CountingProgress.Rate(Archives, Elapsed);

    public string Describe() =>
        $"Importing: {Display.Count(Archives)} archives ({ArchivesPerSecond:F1}/s), {Display.Count(Refused)} refused, {Display.Count(Records)} records";
}

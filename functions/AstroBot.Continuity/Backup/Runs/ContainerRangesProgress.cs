namespace AstroBot.Continuity.Backup.Runs;

/// <summary>
/// A container's progress from its feed ranges read side by side: each range reports its own counts, and this
/// passes on their sum, so a progress bar shows the container and not whichever range reported last.
/// </summary>
internal sealed class ContainerRangesProgress(IProgress<BackupProgress> container)
{
    private readonly Dictionary<int, BackupProgress> latest = [];

    public IProgress<BackupProgress> ForRange(int range) => new RangeProgress(this, range);

    private void Report(int range, BackupProgress value)
    {
        BackupProgress sum;
        lock (latest)
        {
            latest[range] = value;
            sum = new BackupProgress(value.Container, latest.Values.Sum(part => part.Items), latest.Values.Sum(part => part.RawBytes));
        }

        container.Report(sum);
    }

    private sealed class RangeProgress(ContainerRangesProgress sum, int range) : IProgress<BackupProgress>
    {
        public void Report(BackupProgress value) => sum.Report(range, value);
    }
}

namespace AstroBot.Continuity.Recovery.Drills.Failover;

/// <summary>
/// An abandoned failover drill may have left the secondary first: once it had noted the original order
/// (<see cref="FailoverPreconditions.OriginalOrderFact"/>), the order is put back, and the record says so; when it
/// cannot be, the record says the system may be left failed over and what to run.
/// </summary>
public sealed class FailoverDrillCleanup(RegionSwitchChoice choice) : IDrillCleanup
{
    public DrillKind Kind => DrillKind.Failover;

    public async Task<string> CleanUpAsync(DrillRecord abandoned, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(abandoned);
        if (!abandoned.Facts.TryGetValue(FailoverPreconditions.OriginalOrderFact, out var noted))
        {
            return "Its host stopped before it checked its preconditions; nothing was switched.";
        }

        var original = noted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var cannot = $"Its host stopped before it finished and the regions' order could not be restored to {string.Join(", ", original)}";
        if (choice.Switch is not { } regionSwitch)
        {
            return $"{cannot} ({choice.Missing}): the system may be left failed over; run: {choice.RestoreHint(original)}";
        }

        try
        {
            var before = await regionSwitch.ReadAsync(ct).ConfigureAwait(false);
            if (before.Order.SequenceEqual(original))
            {
                return $"Its host stopped before it finished; the regions' order was already {string.Join(", ", original)}, as before the drill.";
            }

            await regionSwitch.SetOrderAsync(original, ct).ConfigureAwait(false);
            return $"Its host stopped before it finished; the regions' order was restored to {string.Join(", ", original)} (it was {string.Join(", ", before.Order)}) through {regionSwitch.Describe}.";
        }
        catch (RegionSwitchException exception)
        {
            return $"{cannot} ({exception.Message}): the system may be left failed over; run: {choice.RestoreHint(original)}";
        }
    }
}

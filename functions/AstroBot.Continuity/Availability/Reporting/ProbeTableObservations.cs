using AstroBot.Continuity.Availability.Probe;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Availability.Reporting;

/// <summary>The probe runs from the probe table (<see cref="ProbeRecordReader"/>): the local host's source, and Azure's when no Log Analytics workspace is set.</summary>
public sealed class ProbeTableObservations(ProbeRecordReader reader, IOptions<ProbeOptions> options) : IProbeObservationSource
{
    public string Description => $"probe table {options.Value.ProbeTableName}";

    public async Task<IReadOnlyList<ProbeObservation>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var records = await reader.ReadAsync(from, to, ct).ConfigureAwait(false);
        return [.. records.Select(ProbeObservation.From).OfType<ProbeObservation>()];
    }
}

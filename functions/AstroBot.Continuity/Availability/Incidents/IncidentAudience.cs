using System.Collections.Concurrent;
using AstroBot.Continuity.Availability.Inbox;
using Microsoft.Extensions.Logging;

namespace AstroBot.Continuity.Availability.Incidents;

/// <summary>
/// The inbox's side of incidents (<see cref="InboxProcessor"/> asks it about each user's message, after the identity
/// directory named the person; the probe's messages never get here): while an incident is open, records the person who
/// wrote, once per incident (a row per user in the incident's partition, shared by every region), so that they are told
/// when it is resolved (<see cref="IncidentNoticeJob"/>). Recording never costs a message: a failure is logged, not thrown.
/// </summary>
public sealed class IncidentAudience(IncidentCache incidents, IncidentStore store, ILogger<IncidentAudience> logger)
{
    // This process's memory of who is recorded already, so a chatty user costs one table write per incident, not one per
    // message. Bounded: forgetting only costs a write that finds the row there.
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<(string IncidentId, string UserKey), byte> recorded = new();

    /// <summary>Records <paramref name="sender"/> as someone to tell, when an incident is open.</summary>
    public async Task RecordAsync(MessageSender sender, string wamid, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sender);
        try
        {
            if (await incidents.OpenAsync(ct).ConfigureAwait(false) is not { } incident || recorded.ContainsKey((incident.Id, sender.UserKey)))
            {
                return;
            }

            if (await store.RecordUserAsync(incident.Id, sender.UserKey, sender.ReplyTo, ct).ConfigureAwait(false))
            {
                LogMessages.IncidentUserRecorded(logger, incident.Id, wamid);
            }

            if (recorded.Count >= MaxRemembered)
            {
                recorded.Clear();
            }

            recorded.TryAdd((incident.Id, sender.UserKey), 0);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogMessages.IncidentUserNotRecorded(logger, wamid, exception.GetType().Name);
        }
    }
}

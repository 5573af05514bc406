namespace AstroBot.Continuity.Recovery.Failover;

/// <summary>
/// Something that says the primary region is out: the paging availability alert (<see cref="FailoverSignals.Alert"/>)
/// or the probe's records (<see cref="FailoverSignals.Probe"/>). Two signals from different sources confirm an outage.
/// </summary>
/// <param name="Source">Where it came from: <see cref="FailoverSignals.Alert"/> or <see cref="FailoverSignals.Probe"/>.</param>
/// <param name="Detail">What it said, in a few words (the alert rule's name, the probe's evidence); no personal data.</param>
public sealed record FailoverSignal(string Source, string Detail);

/// <summary>The sources of a <see cref="FailoverSignal"/>, and the orchestration's fixed names.</summary>
public static class FailoverSignals
{
    /// <summary>The paging availability alert (Azure Monitor's action group).</summary>
    public const string Alert = "alert";

    /// <summary>The availability probe's records.</summary>
    public const string Probe = "probe";

    /// <summary>The one instance id: a signal while it runs joins it (how an alert storm collapses to one failover).</summary>
    public const string InstanceId = "auto-failover";

    /// <summary>The external event a later signal is raised as.</summary>
    public const string SignalEvent = "signal";

    /// <summary>The external event of the approval gate.</summary>
    public const string ApprovalEvent = "approval";
}

/// <summary>A person's answer at the approval gate.</summary>
/// <param name="Approve">True to switch, false to stand down.</param>
/// <param name="By">Who answered.</param>
public sealed record FailoverApproval(bool Approve, string By);

using AstroBot.Continuity.WhatsApp;
using AstroBot.Continuity.WhatsApp.Webhooks;

namespace AstroBot.Continuity.Availability.Probe;

/// <summary>
/// The reserved user the probe writes as: a phone number and a BSUID no person can have (<see cref="ProbeOptions"/>).
/// Whatever names either of them is the probe's: the inbox records it and never hands it to the bot or answers it.
/// </summary>
/// <param name="WaId">The probe's phone number, <see cref="ProbeOptions.ProbeWaId"/>.</param>
/// <param name="Bsuid">The probe's BSUID, <see cref="ProbeOptions.ProbeBsuid"/>.</param>
public sealed record ProbeUser(string WaId, string Bsuid)
{
    /// <summary>The profile name the probe's webhooks carry in <c>contacts[].profile.name</c>.</summary>
    public const string ProfileName = "AstroBot availability probe";

    /// <summary>The probe user of these options.</summary>
    public static ProbeUser From(ProbeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ProbeUser(options.ProbeWaId, options.ProbeBsuid);
    }

    /// <summary>Both identifiers, as the probe's webhooks carry them.</summary>
    public UserIdentifiers Identifiers => new(WaId, Bsuid);

    /// <summary>True when any of the identifiers is the probe's: its phone number, or its BSUID as BSUID or parent BSUID.</summary>
    public bool Matches(UserIdentifiers identifiers)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        return string.Equals(identifiers.Phone, WaId, StringComparison.Ordinal)
            || string.Equals(identifiers.Bsuid, Bsuid, StringComparison.Ordinal)
            || string.Equals(identifiers.ParentBsuid, Bsuid, StringComparison.Ordinal);
    }

    /// <summary>True when a change of identifiers names the probe user before or after.</summary>
    public bool Matches(IdentityChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Matches(change.Previous) || Matches(change.Current);
    }
}

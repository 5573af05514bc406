using System.CommandLine;

namespace AstroBot.Continuity.Cli.Commands;

/// <summary>
/// An invocation of <c>continuity</c> that also sets the clock of the backend's services (<see cref="BackendServices"/>):
/// the system clock unless a test passes a fake one, so a command that waits (<c>backup run</c> waiting out a lease)
/// is tested without waiting.
/// </summary>
internal sealed class ContinuityInvocation : InvocationConfiguration
{
    /// <summary>The clock of the backend's services; null for the system clock.</summary>
    public TimeProvider? Time { get; init; }
}

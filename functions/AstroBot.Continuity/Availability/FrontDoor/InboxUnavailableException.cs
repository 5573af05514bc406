namespace AstroBot.Continuity.Availability.FrontDoor;

/// <summary>The inbox could not durably record a webhook: the front door must not acknowledge it.</summary>
public sealed class InboxUnavailableException(string message, Exception innerException)
    : Exception(message, innerException);

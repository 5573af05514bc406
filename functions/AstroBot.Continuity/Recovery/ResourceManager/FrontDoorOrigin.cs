namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>An origin of the Front Door origin group: its routing priority (1-5, lower wins) and whether it takes traffic.</summary>
/// <param name="EnabledState"><c>Enabled</c> or <c>Disabled</c>, as Front Door spells it.</param>
public sealed record FrontDoorOrigin(string Name, int Priority, string EnabledState);

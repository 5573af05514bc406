namespace AstroBot.Continuity.Availability.Inbox;

/// <summary>The commands the continuity backend answers itself instead of handing them to the bot.</summary>
public enum ContinuityCommand
{
    /// <summary><c>HELP</c>: what the continuity commands are.</summary>
    Help = 1,

    /// <summary><c>EXPORT</c>: a copy of the user's data.</summary>
    Export = 2,

    /// <summary><c>DELETE MY DATA</c>: erasure of the user's data.</summary>
    DeleteMyData = 3,
}

namespace AstroBot.Continuity.Identity;

/// <summary>Where a person's directory record stands.</summary>
public enum PersonState
{
    /// <summary>Identifiers resolve to the person and new ones can be linked.</summary>
    Active = 1,

    /// <summary>DELETE MY DATA is removing the person: nothing links to them any more, and they resolve to nobody.</summary>
    Erasing = 2,
}

namespace AstroBot.Continuity.Backup.Reading;

/// <summary>
/// Quick: the manifest authenticates and every chunk is there with its recorded size. Deep: every chunk is
/// downloaded, hashed, decrypted and authenticated, and its items counted against the manifest.
/// </summary>
public enum VerifyLevel
{
    Quick,
    Deep,
}

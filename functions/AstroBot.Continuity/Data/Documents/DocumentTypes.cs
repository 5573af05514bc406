namespace AstroBot.Continuity.Data.Documents;

/// <summary>The values of the <c>type</c> discriminator, one per document record.</summary>
public static class DocumentTypes
{
    public const string Account = "account";
    public const string Profile = "profile";
    public const string Preferences = "preferences";
    public const string Subscription = "subscription";
    public const string Reading = "reading";
    public const string Message = "message";
}

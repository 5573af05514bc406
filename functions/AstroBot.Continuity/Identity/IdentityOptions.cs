using System.ComponentModel.DataAnnotations;

namespace AstroBot.Continuity.Identity;

/// <summary>The identity directory (section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// The table that maps every identifier a WhatsApp user has had (phone number, BSUID, parent BSUID, username)
    /// to the person's stable key, lists each person's identifiers, and holds open conflicts. Default: "identities".
    /// </summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Identity:DirectoryTableName must be a valid table name.")]
    public string DirectoryTableName { get; set; } = "identities";
}

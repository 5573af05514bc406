using AstroBot.Continuity.Arm;
using Azure;

namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>What Resource Manager's refusals (<see cref="ArmRefusal"/>) mean for a restore target, and what to do about them.</summary>
public static class ArmFailures
{
    /// <summary>The custom role <c>bicep/modules/cosmos.bicep</c> defines and assigns to the app on the account.</summary>
    public static string RoleName(string accountName) => $"AstroBot restore targets ({accountName})";

    /// <summary>A <see cref="RestoreTargetException"/> for a 403, a 409 or a failed operation; null for the others (rethrow them).</summary>
    /// <param name="doing">What was refused, as the start of a sentence: "Creating database 'x'".</param>
    public static RestoreTargetException? Explain(RequestFailedException exception, string doing, RestoreTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sentence = ArmRefusal.Describe(
            exception,
            $"{doing} in Cosmos DB account '{options.AccountName}'",
            $"Grant the app's identity the role '{RoleName(options.AccountName ?? "")}' on the account (Bicep assigns it, bicep/modules/cosmos.bicep), and check that " +
            "Backup:RestoreTarget:SubscriptionId, ResourceGroup and AccountName name that account.",
            "Run the restore again once that operation has finished; a rerun resumes.");
        return sentence is null ? null : new RestoreTargetException(sentence, exception);
    }
}

using AstroBot.Continuity.Arm;
using Azure;

namespace AstroBot.Continuity.Recovery.ResourceManager;

/// <summary>
/// Runs one drill step's Resource Manager call, turning what its refusals mean (<see cref="ArmRefusal"/>: a 403, a 409,
/// a failed operation) into a <see cref="RecoveryArmException"/> that says what to do; other failures (a 404, a 429
/// after the retries, server errors) are left to the caller as Azure's <see cref="RequestFailedException"/>.
/// </summary>
internal static class RecoveryArmCall
{
    /// <param name="subject">What is done and where: "Changing the failover priorities of Cosmos DB account 'x'".</param>
    /// <param name="role">The role that allows it (<see cref="RecoveryArmRoles"/>) and its scope: "'AstroBot ...' on the account".</param>
    public static async Task<T> RunAsync<T>(string subject, string role, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException exception)
        {
            var sentence = ArmRefusal.Describe(
                exception,
                subject,
                $"Grant the app's identity the role {role} (Bicep assigns it, bicep/modules/recoveryRoles.bicep), and check the Recovery:ResourceManager settings.",
                "Wait until that operation has finished (the activity log names it), then run the drill again.");
            if (sentence is not null)
            {
                throw new RecoveryArmException(sentence, exception);
            }

            throw;
        }
    }

    public static Task RunAsync(string subject, string role, Func<Task> call) =>
        RunAsync(subject, role, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });
}

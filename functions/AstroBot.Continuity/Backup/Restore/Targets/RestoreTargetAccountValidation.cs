using AstroBot.Continuity.Data;
using Microsoft.Extensions.Options;

namespace AstroBot.Continuity.Backup.Restore.Targets;

/// <summary>
/// Resource Manager creates targets in <c>Backup:RestoreTarget:AccountName</c> while the restore writes items to
/// <c>Cosmos:Endpoint</c>: when the endpoint is an Azure account's (<c>https://NAME.documents.azure.com</c>), the two must name
/// the same account, or a restore would create its database in one account and fail to write it in the other.
/// </summary>
public sealed class RestoreTargetAccountValidation(IOptions<CosmosOptions> cosmos) : IValidateOptions<RestoreTargetOptions>
{
    private const string AzureDocumentsSuffix = ".documents.azure.com";

    public ValidateOptionsResult Validate(string? name, RestoreTargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.UsesResourceManager || string.IsNullOrWhiteSpace(options.AccountName)
            || !Uri.TryCreate(cosmos.Value.Endpoint, UriKind.Absolute, out var endpoint)
            || !endpoint.Host.EndsWith(AzureDocumentsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        var endpointAccount = endpoint.Host[..^AzureDocumentsSuffix.Length];
        return string.Equals(endpointAccount, options.AccountName, StringComparison.OrdinalIgnoreCase)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Backup:RestoreTarget:AccountName is '{options.AccountName}' but Cosmos:Endpoint is account '{endpointAccount}'; restore targets must be created in the account the restore writes to.");
    }
}

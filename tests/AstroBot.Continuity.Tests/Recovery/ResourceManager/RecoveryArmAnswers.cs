using AstroBot.Continuity.Recovery.ResourceManager;
using AstroBot.Continuity.Tests.Arm;
using AstroBot.Continuity.Tests.Backup.Restore.Targets;
using Microsoft.Extensions.Options;
using static AstroBot.Continuity.Tests.Arm.RecordedArm;

namespace AstroBot.Continuity.Tests.Recovery.ResourceManager;

/// <summary>
/// Recorded Resource Manager answers for the drills, in the documented shapes of Microsoft.DocumentDB (the account with
/// its regions, restorable accounts by location) and Microsoft.Cdn (an origin group's origins). The account, and the
/// operation answers (accepted, in progress, succeeded, failed, throttled, conflict), are <see cref="CosmosArmAnswers"/>'.
/// </summary>
public static class RecoveryArmAnswers
{
    public const string Profile = "astrobot-prod-afd";
    public const string OriginGroup = "function-apps";
    public const string InstanceId = "d9b26648-2f53-4541-b3d8-3044f4f9810d";

    public static IOptions<RecoveryArmOptions> Options(TimeSpan? pollInterval = null) => Microsoft.Extensions.Options.Options.Create(new RecoveryArmOptions
    {
        SubscriptionId = CosmosArmAnswers.Subscription,
        ResourceGroup = CosmosArmAnswers.ResourceGroup,
        CosmosAccountName = CosmosArmAnswers.Account,
        FrontDoorProfileName = Profile,
        OriginGroupName = OriginGroup,
        PollInterval = pollInterval ?? TimeSpan.Zero,
    });

    public static string NewAccountPath(string name) =>
        $"/subscriptions/{CosmosArmAnswers.Subscription}/resourceGroups/{CosmosArmAnswers.ResourceGroup}/providers/Microsoft.DocumentDB/databaseAccounts/{name}";

    public static string RestorablePath(string location = "westeurope") =>
        $"/subscriptions/{CosmosArmAnswers.Subscription}/providers/Microsoft.DocumentDB/locations/{location}/restorableDatabaseAccounts";

    public static string GroupPath => $"/subscriptions/{CosmosArmAnswers.Subscription}/resourceGroups/{CosmosArmAnswers.ResourceGroup}/providers/Microsoft.Cdn/profiles/{Profile}/originGroups/{OriginGroup}";

    public static string OriginPath(string origin) => $"{GroupPath}/origins/{origin}";

    /// <summary>The account in two regions, <paramref name="write"/> first; <paramref name="secondState"/> is the other's provisioning state.</summary>
    public static Answer AccountInRegions(string write = "West Europe", string read = "North Europe", string secondState = "Succeeded") => new(200, $$"""
        {
          "id": "{{CosmosArmAnswers.AccountPath}}",
          "name": "{{CosmosArmAnswers.Account}}",
          "type": "Microsoft.DocumentDB/databaseAccounts",
          "location": "West Europe",
          "kind": "GlobalDocumentDB",
          "properties": {
            "provisioningState": "Succeeded",
            "databaseAccountOfferType": "Standard",
            "enableAutomaticFailover": true,
            "writeLocations": [ { "locationName": "{{write}}", "failoverPriority": 0, "provisioningState": "Succeeded" } ],
            "readLocations": [ { "locationName": "{{write}}", "failoverPriority": 0 }, { "locationName": "{{read}}", "failoverPriority": 1 } ],
            "locations": [
              { "id": "x-{{write}}", "locationName": "{{write}}", "failoverPriority": 0, "provisioningState": "Succeeded", "isZoneRedundant": true },
              { "id": "x-{{read}}", "locationName": "{{read}}", "failoverPriority": 1, "provisioningState": "{{secondState}}", "isZoneRedundant": false }
            ],
            "failoverPolicies": [ { "locationName": "{{read}}", "failoverPriority": 1 }, { "locationName": "{{write}}", "failoverPriority": 0 } ]
          }
        }
        """);

    /// <summary>The restorable accounts of a location: the live account's (and, when given, an older deleted one of the same name).</summary>
    public static Answer Restorable(string oldest = "2026-11-20T08:00:00Z", bool withDeletedNamesake = false) => new(200, $$"""
        {
          "value": [
            {{(withDeletedNamesake ? $$"""
            {
              "id": "{{RestorablePath()}}/0f0f0f0f-0000-0000-0000-000000000000",
              "name": "0f0f0f0f-0000-0000-0000-000000000000",
              "type": "Microsoft.DocumentDB/locations/restorableDatabaseAccounts",
              "location": "West Europe",
              "properties": { "accountName": "{{CosmosArmAnswers.Account}}", "creationTime": "2026-01-01T00:00:00Z", "deletionTime": "2026-02-01T00:00:00Z", "oldestRestorableTime": "2026-01-25T00:00:00Z", "apiType": "Sql" }
            },
            """ : "")}}
            {
              "id": "{{RestorablePath()}}/{{InstanceId}}",
              "name": "{{InstanceId}}",
              "type": "Microsoft.DocumentDB/locations/restorableDatabaseAccounts",
              "location": "West Europe",
              "properties": {
                "accountName": "{{CosmosArmAnswers.Account}}",
                "creationTime": "2026-03-01T10:00:00Z",
                "oldestRestorableTime": "{{oldest}}",
                "apiType": "Sql",
                "restorableLocations": [ { "locationName": "West Europe", "regionalDatabaseAccountInstanceId": "a1", "creationTime": "2026-03-01T10:00:00Z" } ]
              }
            },
            {
              "id": "{{RestorablePath()}}/11111111-2222-3333-4444-555555555555",
              "name": "11111111-2222-3333-4444-555555555555",
              "type": "Microsoft.DocumentDB/locations/restorableDatabaseAccounts",
              "location": "West Europe",
              "properties": { "accountName": "someone-elses-account", "creationTime": "2026-03-01T10:00:00Z", "oldestRestorableTime": "2026-11-20T08:00:00Z", "apiType": "Sql" }
            }
          ]
        }
        """);

    public static Answer Origins(params (string Name, int Priority, string State)[] origins) => new(
        200, $$"""{"value":[{{string.Join(",", origins.Select(origin => Origin(origin.Name, origin.Priority, origin.State).Body))}}]}""");

    public static Answer Origin(string name, int priority, string state = "Enabled") => new(200, $$"""
        {
          "id": "{{OriginPath(name)}}",
          "name": "{{name}}",
          "type": "Microsoft.Cdn/profiles/origingroups/origins",
          "properties": {
            "originGroupName": "{{OriginGroup}}",
            "hostName": "astrobot-prod-func-{{name}}.azurewebsites.net",
            "httpPort": 80,
            "httpsPort": 443,
            "originHostHeader": "astrobot-prod-func-{{name}}.azurewebsites.net",
            "priority": {{priority}},
            "weight": 1000,
            "enabledState": "{{state}}",
            "enforceCertificateNameCheck": true,
            "provisioningState": "Succeeded",
            "deploymentStatus": "NotStarted"
          }
        }
        """);
}

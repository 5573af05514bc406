using AstroBot.Continuity.Tests.Arm;
using AstroBot.Continuity.Arm;
using AstroBot.Continuity.Backup.Restore.Targets;
using static AstroBot.Continuity.Tests.Arm.RecordedArm;

namespace AstroBot.Continuity.Tests.Backup.Restore.Targets;

/// <summary>
/// Recorded Resource Manager answers for one Cosmos DB account, in the shapes Microsoft.DocumentDB documents: resources
/// wrapped as <c>{id, name, type, location, properties}</c>, asynchronous operations answered 201/202 with an
/// <c>Azure-AsyncOperation</c> URL under <c>locations/{region}/operationsStatus</c> whose status goes
/// <c>InProgress</c> → <c>Succeeded</c> (or <c>Failed</c> with an error), errors as <c>{"error":{"code","message"}}</c>
/// or, from the provider itself, <c>{"code","message"}</c>. Every wait Azure asks for is 0 seconds unless a test says otherwise.
/// </summary>
public static class CosmosArmAnswers
{
    public const string Subscription = "6b1f7c2e-3d4a-4f5b-9c8d-0e1f2a3b4c5d";
    public const string ResourceGroup = "astrobot-prod";
    public const string Account = "astrobot-prod-cosmos-x7";
    public const string SourceDatabase = "astrobot";

    public static RestoreTargetOptions TargetOptions => new()
    {
        Provisioner = RestoreTargetProvisionerKind.ResourceManager,
        SubscriptionId = Subscription,
        ResourceGroup = ResourceGroup,
        AccountName = Account,
        PollingInterval = TimeSpan.Zero,
    };

    public static string AccountPath => $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.DocumentDB/databaseAccounts/{Account}";

    public static string DatabasePath(string database) => $"{AccountPath}/sqlDatabases/{database}";

    public static string ContainerPath(string database, string container) => $"{DatabasePath(database)}/containers/{container}";

    public static string ThroughputPath(string database) => $"{DatabasePath(database)}/throughputSettings/default";

    public static string OperationPath(string operation) => $"/subscriptions/{Subscription}/providers/Microsoft.DocumentDB/locations/westeurope/operationsStatus/{operation}";

    public static Answer AccountFound(bool serverless = false) => new(200, $$"""
        {
          "id": "{{AccountPath}}",
          "name": "{{Account}}",
          "type": "Microsoft.DocumentDB/databaseAccounts",
          "location": "West Europe",
          "kind": "GlobalDocumentDB",
          "tags": {},
          "identity": { "type": "None" },
          "properties": {
            "provisioningState": "Succeeded",
            "documentEndpoint": "https://{{Account}}.documents.azure.com:443/",
            "databaseAccountOfferType": "Standard",
            "disableLocalAuth": true,
            "disableKeyBasedMetadataWriteAccess": true,
            "capabilities": [{{(serverless ? """{ "name": "EnableServerless" }""" : "")}}],
            "locations": [ { "locationName": "West Europe", "failoverPriority": 0 }, { "locationName": "North Europe", "failoverPriority": 1 } ]
          }
        }
        """);

    /// <summary>The source's shared throughput: autoscale (current RU/s and maximum) or manual (maximum null).</summary>
    public static Answer SharedThroughput(int throughput, int? autoscaleMax) => new(200, $$"""
        {
          "id": "{{ThroughputPath(SourceDatabase)}}",
          "name": "default",
          "type": "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/throughputSettings",
          "properties": {
            "resource": {
              "throughput": {{throughput}},
              {{(autoscaleMax is { } max ? $$"""
              "autoscaleSettings": { "maxThroughput": {{max}} },
              """ : "")}}
              "minimumThroughput": "400"
            }
          }
        }
        """);

    /// <summary>The provider's own 404 ("Entity with the specified id does not exist in the system").</summary>
    public static Answer NotFound() => new(404, """
        {"code":"NotFound","message":"Message: {\"code\":\"NotFound\",\"message\":\"Entity with the specified id does not exist in the system. More info: https://aka.ms/cosmosdb-tsg-not-found\"}, Request URI: /dbs/x"}
        """);

    /// <summary>The request was taken: 201 or 202, the operation to poll, and the operation result's Location.</summary>
    public static Answer Accepted(string path, string operation, int status = 202) => new(
        status, """{"status":"Enqueued"}""",
        ("Azure-AsyncOperation", $"{RecordedArm.Host}{OperationPath(operation)}?api-version={CosmosArm.ApiVersion}"),
        ("Location", $"{RecordedArm.Host}{path}/operationResults/{operation}?api-version={CosmosArm.ApiVersion}"),
        ("Retry-After", "0"));

    public static Answer InProgress(string operation, int retryAfterSeconds = 0) => Status(operation, "InProgress", retryAfterSeconds);

    public static Answer Succeeded(string operation) => Status(operation, "Succeeded", 0);

    public static Answer Failed(string operation, string code, string message) => new(200, $$$"""
        {"id":"{{{OperationPath(operation)}}}","name":"{{{operation}}}","status":"Failed","error":{"code":"{{{code}}}","message":"{{{message}}}"}}
        """);

    public static Answer Database(string database) => new(200, $$"""
        {
          "id": "{{DatabasePath(database)}}",
          "name": "{{database}}",
          "type": "Microsoft.DocumentDB/databaseAccounts/sqlDatabases",
          "properties": { "resource": { "id": "{{database}}", "_rid": "Zm9v", "_ts": 1796000000, "_etag": "\"00000000-0000-0000-0000-000000000000\"", "_colls": "colls/", "_users": "users/" } }
        }
        """);

    public static Answer Container(string database, string container, string partitionKeyPath = "/wa_id") => new(200, $$"""
        {
          "id": "{{ContainerPath(database, container)}}",
          "name": "{{container}}",
          "type": "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers",
          "properties": {
            "resource": {
              "id": "{{container}}",
              "indexingPolicy": { "indexingMode": "consistent", "automatic": true, "includedPaths": [ { "path": "/*" } ], "excludedPaths": [ { "path": "/\"_etag\"/?" } ] },
              "partitionKey": { "paths": [ "{{partitionKeyPath}}" ], "kind": "Hash", "version": 2 },
              "_rid": "YmFy", "_ts": 1796000000
            }
          }
        }
        """);

    public static Answer Throttled(int retryAfterSeconds) => new(
        429, """{"error":{"code":"TooManyRequests","message":"The request is being throttled as the limit has been reached for operation type - Write."}}""",
        ("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static Answer Conflict() => new(409, """
        {"code":"Conflict","message":"There is already an operation in progress which requires exclusive lock on this service astrobot-prod-cosmos-x7. Please retry the operation after sometime."}
        """);

    public static Answer Forbidden(string action, string scope) => new(403, $$$"""
        {"error":{"code":"AuthorizationFailed","message":"The client 'a1b2c3' with object id 'a1b2c3' does not have authorization to perform action '{{{action}}}' over scope '{{{scope}}}' or the scope is invalid."}}
        """);

    private static Answer Status(string operation, string status, int retryAfterSeconds) => new(
        200, $$"""{"id":"{{OperationPath(operation)}}","name":"{{operation}}","status":"{{status}}"}""",
        ("Retry-After", retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}

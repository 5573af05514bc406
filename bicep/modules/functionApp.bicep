// One region's Function App (isolated worker, .NET 10), its plan and its staging slot. main.bicep deploys this module
// once per region; Front Door (modules/frontDoorRouting.bicep) sends traffic to the primary and fails over to the other.
//
// Why Elastic Premium (EP1), now that there are two regions and a staging slot:
//   - zone redundancy: Premium spreads a zone-redundant plan's instances over the region's availability zones (at least
//     2 instances); the Consumption plan has no zone redundancy at all;
//   - deployment slots: Premium has them; Flex Consumption (the other zone-redundant serverless plan) has none, so
//     there would be no staging slot to warm up and swap (zero-downtime deployment, issue 12);
//   - the webhook must answer fast: Premium keeps always-ready instances (no cold start); Durable Functions run
//     without the Consumption plan's time limits; the plan is VNet-ready for private endpoints.
// The cost: an EP1 instance is billed for every hour it exists, busy or not (roughly USD 150-160 a month per instance
// at list price in a European region; not re-checked). Zone-redundant means at least 2 instances per region, so
// two regions cost at least 4 always-on instances, about four times the single-region, single-instance setup. The
// staging slot runs on the same instances at no extra charge. zoneRedundant = false (dev) keeps one instance a region.
//
// No keys anywhere: the host and the app reach storage, Cosmos DB and Key Vault with the user-assigned
// identity. Without a storage key there is no Azure Files content share, so the app runs from a package
// blob that the identity reads (WEBSITE_RUN_FROM_PACKAGE + WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID).
//
// The staging slot: same identity, same region storage, same settings except the slot settings (sticky, they stay
// with their slot on a swap): its own Functions host id and Durable task hub, and every timer and queue trigger off,
// so a build under test never processes live inbox messages or runs a backup. A swap first restarts the staging
// instances with production's slot settings, waits until GET /api/health/ready answers 200 on them
// (WEBSITE_SWAP_WARMUP_PING_PATH/_STATUSES), then switches the routing (docs/availability.md, "Deployment").

@description('Name of the Function App.')
param name string

@description('Name of the Elastic Premium plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of the user-assigned identity (identity-based connections).')
param identityClientId string

@description('Name of this region\'s storage account: the Functions host, the inbox and export request queues the triggers read, the claim-check bodies.')
param storageAccountName string

@description('Name of the storage account every region shares: the ledger, the identity directory, the user keys, the bot\'s queue, exports (docs/availability.md, "Where state lives").')
param sharedStorageAccountName string

@description('Blob endpoint of that storage account.')
param storageBlobEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Document endpoint of the Cosmos DB account.')
param cosmosEndpoint string

@description('Name of that Cosmos DB account, in this resource group: restore targets are created in it through Resource Manager.')
param cosmosAccountName string

@description('Name of the Front Door profile in this resource group: the recovery drills reorder its origins.')
param frontDoorProfileName string

@description('The two regions as the failover drill switches them, primary first: each {name (Azure location), origin (Front Door origin), cosmosRegion (Cosmos DB display name), url (the regional app)}.')
@minLength(2)
@maxLength(2)
param failoverRegions array

@description('Whether this deployment holds real users\' data: drills then refuse unless confirmed (Recovery:ProductionData).')
param productionData bool

@description('URI of the key vault holding the WhatsApp secrets, ending with a slash.')
param keyVaultUri string

@description('Name of the backup storage account (separate from the app\'s storage account).')
param backupAccountName string

@description('Read-only blob endpoint of the backup account in its secondary region (RA-GZRS).')
param backupSecondaryBlobEndpoint string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('WhatsApp Business phone number id (not a secret).')
param whatsAppPhoneNumberId string

@description('The other region (Azure location name); second in the app\'s Cosmos DB preferred regions, after location.')
param otherLocation string

@description('Public base URL of the service (Front Door\'s endpoint, https://<host>), where the synthetic probe sends its webhooks.')
param publicBaseUrl string

@description('Spread the plan over availability zones with 2 instances at least (false: one instance, no zone redundancy).')
param zoneRedundant bool

@description('Whether this region runs the backup jobs (full, incremental, verify, restore test, prune): one region at a time, they share the backup account.')
param runsBackups bool

@description('Whether the native backup drill\'s timer runs (where runsBackups is true): only when main.bicep\'s grantNativeRestoreDrill granted its roles, else every run would fail with a 403.')
param nativeBackupDrillEnabled bool = false

@description('Blob in the deployment container that the app runs from; a release points the staging slot at a new blob and swaps.')
param packageBlobName string = 'functionapp.zip'

@description('Durable Functions task hub of the production slot: host.json\'s extensions.durableTask.hubName.')
param taskHubName string = 'AstroBotContinuity'

@description('Tags applied to every resource.')
param tags object

@description('Workspace ID (the customerId GUID) of the Log Analytics workspace the app logs to: the SLA report queries it.')
param logAnalyticsWorkspaceId string

@description('Six-field NCRONTAB schedules (UTC) of the timer functions; the defaults are those of Hosting/Schedules.cs.')
param schedules object = {
  messageLedgerPrune: '0 30 3 * * *'
  backupFull: '0 0 2 * * *'
  backupIncremental: '0 */5 * * * *'
  backupVerify: '0 0 4 * * *'
  backupRestoreTest: '0 0 5 * * 0'
  backupPrune: '0 0 3 * * *'
  backupStatus: '0 */5 * * * *'
  inboxPoisonWatch: '0 */5 * * * *'
  maintenanceDrain: '*/30 * * * * *'
  outboxDrain: '*/30 * * * * *'
  availabilityProbe: '0 * * * * *'
  incidentNotices: '30 * * * * *'
  restoreDrill: '0 0 6 1 * *'
  failoverDrill: '0 0 7 1 1,4,7,10 *'
  nativeBackupDrill: '0 0 8 15 2,5,8,11 *'
  availabilityProbePrune: '0 30 4 * * *'
}

@description('Queues the front door and the export requests use; the defaults are those of FrontDoorOptions and PortabilityOptions.')
param queueNames object = {
  inbox: 'whatsapp-inbox'
  exportRequests: 'export-requests'
}

var packageUrl = '${storageBlobEndpoint}${deploymentContainerName}/${packageBlobName}'

// Zone redundancy needs 2 instances at least; the plan and the app keep that many always ready.
var instanceCount = zoneRedundant ? 2 : 1

// Identity-based connections only: no account key or connection secret appears here.
// Key Vault references resolve with keyVaultReferenceIdentity; no version, so a rotated secret is picked up.
var settings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  WEBSITE_RUN_FROM_PACKAGE: packageUrl
  WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identityId
  AZURE_CLIENT_ID: identityClientId // DefaultAzureCredential in the worker picks the user-assigned identity
  Cosmos__Endpoint: cosmosEndpoint
  Cosmos__Key: '' // empty overrides the emulator key default: the client signs in with the identity
  Storage__AccountName: sharedStorageAccountName
  Storage__RegionAccountName: storageAccountName
  WhatsApp__AppSecret: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-app-secret/)'
  WhatsApp__AccessToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-access-token/)'
  WhatsApp__VerifyToken: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/whatsapp-verify-token/)'
  WhatsApp__PhoneNumberId: whatsAppPhoneNumberId
  Backup__AccountName: backupAccountName
  Backup__SecondaryBlobEndpoint: backupSecondaryBlobEndpoint
  // Local auth is off on the Cosmos DB account: restore targets (and the restore test's scratch database) are created
  // and dropped through Resource Manager, in the account this deployment made (same subscription and resource group).
  Backup__RestoreTarget__Provisioner: 'ResourceManager'
  Backup__RestoreTarget__SubscriptionId: subscription().subscriptionId
  Backup__RestoreTarget__ResourceGroup: resourceGroup().name
  Backup__RestoreTarget__AccountName: cosmosAccountName
  // The recovery drills act through Resource Manager on this deployment's account and Front Door profile (the origin
  // group is Recovery:ResourceManager:OriginGroupName's default, function-apps, as modules/frontDoorRouting.bicep names it).
  Recovery__ResourceManager__SubscriptionId: subscription().subscriptionId
  Recovery__ResourceManager__ResourceGroup: resourceGroup().name
  Recovery__ResourceManager__CosmosAccountName: cosmosAccountName
  Recovery__ResourceManager__FrontDoorProfileName: frontDoorProfileName
  Recovery__ProductionData: string(productionData)
  // The failover drill's switch: Cosmos DB's failover priorities, then Front Door's origin priorities (Resource Manager).
  Recovery__Failover__Switch: 'ResourceManager'
  Recovery__Failover__Regions__0__Name: failoverRegions[0].name
  Recovery__Failover__Regions__0__Origin: failoverRegions[0].origin
  Recovery__Failover__Regions__0__CosmosRegion: failoverRegions[0].cosmosRegion
  Recovery__Failover__Regions__0__Url: failoverRegions[0].url
  Recovery__Failover__Regions__1__Name: failoverRegions[1].name
  Recovery__Failover__Regions__1__Origin: failoverRegions[1].origin
  Recovery__Failover__Regions__1__CosmosRegion: failoverRegions[1].cosmosRegion
  Recovery__Failover__Regions__1__Url: failoverRegions[1].url
  // The keyring (key-encryption keys) is every enabled version of this Key Vault secret, never in backup storage.
  Crypto__KeyVaultUri: keyVaultUri
  Crypto__KekSecretName: 'backup-kek'
  // The queue triggers read their queues from the same settings the core's options bind (%FrontDoor:InboxQueueName%,
  // %Portability:ExportRequestQueueName%); the host refuses to index a trigger whose setting is missing.
  FrontDoor__InboxQueueName: queueNames.inbox
  Portability__ExportRequestQueueName: queueNames.exportRequests
  // Every timer trigger reads its schedule from %Name% (Hosting/Schedules.cs); the host refuses to index a timer whose setting is missing.
  MessageLedgerPruneSchedule: schedules.messageLedgerPrune
  BackupFullSchedule: schedules.backupFull
  BackupIncrementalSchedule: schedules.backupIncremental
  BackupVerifySchedule: schedules.backupVerify
  BackupRestoreTestSchedule: schedules.backupRestoreTest
  BackupPruneSchedule: schedules.backupPrune
  BackupStatusSchedule: schedules.backupStatus
  InboxPoisonWatchSchedule: schedules.inboxPoisonWatch
  MaintenanceDrainSchedule: schedules.maintenanceDrain
  OutboxDrainSchedule: schedules.outboxDrain
  AvailabilityProbeSchedule: schedules.availabilityProbe
  IncidentNoticesSchedule: schedules.incidentNotices
  AvailabilityProbePruneSchedule: schedules.availabilityProbePrune
  RestoreDrillSchedule: schedules.restoreDrill
  FailoverDrillSchedule: schedules.failoverDrill
  NativeBackupDrillSchedule: schedules.nativeBackupDrill
  // Each region prefers its own Cosmos DB region, then the other one (Azure location names, e.g. westeurope; the SDK's
  // ApplicationPreferredRegions takes Cosmos DB's names, e.g. "West Europe").
  Cosmos__PreferredRegions: '${location},${otherLocation}'
  // Which region this app is (probe records, status page) and where the public endpoint is (the synthetic probe).
  Availability__Region: location
  Availability__PublicBaseUrl: publicBaseUrl
  // The SLA report (GET /api/sla/report) reads the probe's events (AppTraces, event 1700) in this Log Analytics workspace.
  Availability__LogAnalyticsWorkspaceId: logAnalyticsWorkspaceId
  // A swap waits until the readiness route answers 200 on every instance of the slot being swapped in.
  WEBSITE_SWAP_WARMUP_PING_PATH: '/api/health/ready'
  WEBSITE_SWAP_WARMUP_PING_STATUSES: '200'
}

// The timer and queue triggers (the function names of functions/AstroBot.Continuity.Functions), by where they run.
// HTTP triggers run everywhere; orchestrations and activities follow their slot's task hub.
// Every region's production slot: the inbox (each region drains its own queue), export requests, the ledger prune
// (the shared table: its deletes are conditional, so two regions pruning it is harmless), the poison-queue watch (each region's own queues), the backup status gauges (read
// from the shared backup catalog), the availability probe (each region probes the public endpoint), the maintenance
// drain (each region's own held queue), the reply outbox's drain (the shared outbox table: a lease row per user keeps
// the two regions from sending one user's replies at once, so either region sends them when the other is down) and the
// incident notices (claimed per user in the shared account: either region may send each one, never both).
var everyRegionTriggers = [
  'WhatsAppInbox'
  'PortabilityExportRequest'
  'MessageLedgerPrune'
  'InboxPoisonWatch'
  'BackupStatus'
  'AvailabilityProbe'
  'AvailabilityProbePrune'
  'MaintenanceDrain'
  'OutboxDrain'
  'IncidentNotices'
]

// One region at a time (runsBackups): the backup jobs share the backup account, its lease and its catalog. The passive
// region's stay off until a failover turns them on there (AzureWebJobs_<name>_Disabled = false). The drill schedules
// go with them: the restore drill reads the backups, and the drill lock in the shared account would refuse the second
// region's start anyway.
var oneRegionTriggers = [
  'BackupFull'
  'BackupIncremental'
  'BackupVerify'
  'BackupRestoreTest'
  'BackupPrune'
  'RestoreDrill'
  'FailoverDrill'
  'NativeBackupDrill'
]

// Functions hosts are told apart by their host id, by default the first 32 characters of the host name. The production
// app names are 32 characters long, so <app>-staging would get production's id and share its timer leases.
var hostIdPrefix = uniqueString(resourceGroup().id, name)

// Slot settings (sticky): listed in slotConfigNames below, each slot keeps its own values across a swap.
var productionSlotSettings = union(
  {
    AzureFunctionsWebHost__hostid: '${hostIdPrefix}-production'
    AzureFunctionsJobHost__extensions__durableTask__hubName: taskHubName
  },
  toObject(everyRegionTriggers, trigger => 'AzureWebJobs_${trigger}_Disabled', trigger => 'false'),
  toObject(oneRegionTriggers, trigger => 'AzureWebJobs_${trigger}_Disabled', trigger => runsBackups ? 'false' : 'true'),
  // Later keys win: the native backup drill also needs its roles granted (nativeBackupDrillEnabled), else it stays off.
  { AzureWebJobs_NativeBackupDrill_Disabled: runsBackups && nativeBackupDrillEnabled ? 'false' : 'true' }
)

// The staging slot shares the region's storage account: its own task hub keeps its orchestrations apart, and every
// trigger off keeps it from taking live inbox messages, exports or backups while a build is tried there.
var stagingSlotSettings = union(
  {
    AzureFunctionsWebHost__hostid: '${hostIdPrefix}-staging'
    AzureFunctionsJobHost__extensions__durableTask__hubName: '${taskHubName}Staging'
  },
  toObject(concat(everyRegionTriggers, oneRegionTriggers), trigger => 'AzureWebJobs_${trigger}_Disabled', trigger => 'true')
)

var productionSettingsList = [
  for setting in items(union(settings, productionSlotSettings)): { name: setting.key, value: setting.value }
]

var stagingSettingsList = [
  for setting in items(union(settings, stagingSlotSettings)): { name: setting.key, value: setting.value }
]

// Health check (App Service): liveness, GET /api/health. App Service takes an instance that keeps failing it out of the
// load balancer and replaces it; a dependency outage (Cosmos DB, storage) is not the instance's fault, and taking
// instances out for it would only shrink the region while it still acknowledges webhooks. Readiness
// (/api/health/ready) decides between regions instead: Front Door's probe and the swap warm-up use it.
var healthCheckPath = '/api/health'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: 'EP1'
    tier: 'ElasticPremium'
    capacity: instanceCount // the plan's minimum instances
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: 20
    zoneRedundant: zoneRedundant
  }
}

// The connection string is known only at deployment time, so it joins the lists here.
var appInsightsSetting = {
  name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
  value: appInsights.properties.ConnectionString
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: healthCheckPath
      minimumElasticInstanceCount: instanceCount
      appSettings: concat(productionSettingsList, [appInsightsSetting])
    }
  }
}

resource stagingSlot 'Microsoft.Web/sites/slots@2025-03-01' = {
  parent: site
  name: 'staging'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      healthCheckPath: healthCheckPath
      minimumElasticInstanceCount: 1
      appSettings: concat(stagingSettingsList, [appInsightsSetting])
    }
  }
}

// The settings that stay with their slot on a swap: the same names in both slots, each slot with its own values.
resource slotSettingNames 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'slotConfigNames'
  properties: {
    appSettingNames: objectKeys(productionSlotSettings)
  }
}

// Publishing goes through Entra ID, never basic-auth (FTP/SCM user and password), in both slots.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource stagingFtpBasicAuth 'Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: stagingSlot
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource stagingScmBasicAuth 'Microsoft.Web/sites/slots/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: stagingSlot
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the Function App.')
output name string = site.name

@description('Default host name of the Function App (production slot).')
output defaultHostName string = site.properties.defaultHostName

@description('Default host name of the staging slot.')
output stagingHostName string = stagingSlot.properties.defaultHostName

// AstroBot Continuity: the business-continuity backend of the AstroBot WhatsApp bot.
// Deploy to a resource group: az deployment group create -g <rg> -f bicep/main.bicep -p bicep/env/<env>.bicepparam
//
// Two regions, active-passive: a Function App in location (primary) and one in secondaryLocation, each with its own
// plan, host storage account, inbox queues and staging slot; Azure Front Door in front, sending everything to the
// primary while its readiness probe answers and to the secondary otherwise; Cosmos DB in both regions with
// service-managed failover, each app preferring its own region. Shared and single-region: the identity, Key Vault,
// the backup account (RA-GZRS: readable from the paired region), Log Analytics and Application Insights.
// The availability test, the burn-rate alerts and the workbook measure the whole from outside (docs/availability.md).

targetScope = 'resourceGroup'

@description('Environment the resources belong to.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Primary Azure region.')
param location string

@description('Secondary Azure region: the passive Function App, and Cosmos DB\'s failover region; must differ from location.')
param secondaryLocation string

@description('The two regions as Azure Service Health names them (display names, e.g. West Europe), for the Service Health alert.')
@minLength(2)
param regionDisplayNames array

@description('Whether the app\'s identity may run the native restore drill: write and delete Cosmos DB accounts in this resource group and restore from restorable accounts on the subscription (which needs a deployer who may assign roles there). Off by default: too broad for the identity that serves users until issue 14 gives drills their own.')
param grantNativeRestoreDrill bool = false

@description('Whether to lock the backup account and the Key Vault against deletion (modules/dataProtection.bicep).')
param lockData bool = environmentName == 'prod'

@description('Short lowercase prefix for resource names, e.g. astrobot.')
@minLength(2)
@maxLength(8)
param namePrefix string

@description('Storage replication: Standard_ZRS (zone-redundant) or Standard_GZRS (also geo-redundant).')
@allowed([
  'Standard_ZRS'
  'Standard_GZRS'
])
param storageSkuName string

@description('Maximum autoscale throughput (RU/s) of the Cosmos DB database.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int

@description('Days the Log Analytics workspace keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int

@description('WhatsApp Business phone number id (not a secret; the secrets live in Key Vault).')
@minLength(1)
param whatsAppPhoneNumberId string

@description('Email address that receives the backup alerts, and the availability pages and tickets.')
@minLength(3)
param alertEmail string

@description('The incidents\' alert webhook with its function key (https://<Front Door>/api/incidents/alert?code=<key>), for the page action group; empty: none. Pass it at deployment, never in a parameter file (docs/operations/incidents.md).')
@secure()
param incidentAlertWebhookUrl string = ''

@description('Function App plans spread over availability zones with 2 instances at least per region (false: 1 instance, no zone redundancy).')
param zoneRedundant bool

@description('Blob (in each region\'s deployments container) that both slots of each Function App run from; pass the one production runs when redeploying after a release (docs/availability.md, "Deployment").')
@minLength(1)
param appPackageName string = 'functionapp.zip'

var baseName = '${namePrefix}-${environmentName}'
var appInsightsName = '${baseName}-appi'
// Globally unique names: storage accounts and key vaults allow at most 24 characters.
var uniqueSuffix = uniqueString(resourceGroup().id)
// Known before deployment, so the modules that lock them name them precisely (what-if).
var backupAccountName = take('${namePrefix}${environmentName}bk${uniqueSuffix}', 24)
var keyVaultName = take('${baseName}-kv-${uniqueSuffix}', 24)
var tags = {
  application: 'astrobot-continuity'
  environment: environmentName
}

// The one identity the Function App uses for every data-plane call: storage, Cosmos DB, Key Vault, and the Log Analytics workspace (SLA report).
// User-assigned, so its role assignments exist before the app first starts. Declared here rather than in
// a module so its id is known before deployment and can name the role assignments (what-if stays precise).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${baseName}-func-id'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: '${baseName}-logs'
    appInsightsName: appInsightsName
    location: location
    retentionInDays: logRetentionInDays
    identityId: identity.id
    principalId: identity.properties.principalId
    tags: tags
  }
}

// Each region's Functions host storage, inbox queues and tables. The primary's resources keep their first names.
module storagePrimary 'modules/storage.bicep' = {
  name: 'storagePrimary'
  params: {
    name: take('${namePrefix}${environmentName}${uniqueSuffix}', 24)
    location: location
    skuName: storageSkuName
    deploymentContainerName: 'deployments'
    identityId: identity.id
    principalId: identity.properties.principalId
    tags: tags
  }
}

module storageSecondary 'modules/storage.bicep' = {
  name: 'storageSecondary'
  params: {
    name: take('${namePrefix}${environmentName}2${uniqueSuffix}', 24)
    location: secondaryLocation
    skuName: storageSkuName
    deploymentContainerName: 'deployments'
    identityId: identity.id
    principalId: identity.properties.principalId
    tags: tags
  }
}

// Backups live in an account of their own, away from the app's storage account (which holds the wrapped user keys).
module backupStorage 'modules/backupStorage.bicep' = {
  name: 'backupStorage'
  params: {
    name: backupAccountName
    location: location
    identityId: identity.id
    principalId: identity.properties.principalId
    tags: tags
  }
}

module backupAlerts 'modules/backupAlerts.bicep' = {
  name: 'backupAlerts'
  params: {
    appInsightsId: monitoring.outputs.appInsightsId
    location: location
    actionGroupName: '${baseName}-ops-ag'
    actionGroupShortName: take('${environmentName}-backup', 12)
    alertEmail: alertEmail
    namePrefix: baseName
    tags: tags
  }
}

var cosmosAccountName = '${baseName}-cosmos-${uniqueSuffix}'

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: cosmosAccountName
    location: location
    secondaryLocation: secondaryLocation
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    identityId: identity.id
    principalId: identity.properties.principalId
    tags: tags
  }
}

module keyVault 'modules/keyVault.bicep' = {
  name: 'keyVault'
  params: {
    name: keyVaultName
    location: location
    identityId: identity.id
    principalId: identity.properties.principalId
    tags: tags
  }
}

// The profile and endpoint come first: the apps are told their public URL (the synthetic probe sends webhooks to it).
var frontDoorProfileName = '${baseName}-afd'
var frontDoorEndpointName = baseName

module frontDoor 'modules/frontDoor.bicep' = {
  name: 'frontDoor'
  params: {
    profileName: frontDoorProfileName
    endpointName: frontDoorEndpointName
    tags: tags
  }
}

var publicBaseUrl = 'https://${frontDoor.outputs.endpointHostName}'

var primaryAppName = '${baseName}-func-${uniqueSuffix}'
var secondaryAppName = '${baseName}-func2-${uniqueSuffix}'

// The failover drill's view of the two regions: each service's name for it (modules/frontDoorRouting.bicep names the
// origins by role) and its app's own URL.
var failoverRegions = [
  {
    name: location
    origin: 'primary'
    cosmosRegion: regionDisplayNames[0]
    url: 'https://${primaryAppName}.azurewebsites.net'
  }
  {
    name: secondaryLocation
    origin: 'secondary'
    cosmosRegion: regionDisplayNames[1]
    url: 'https://${secondaryAppName}.azurewebsites.net'
  }
]

// The two regional apps differ in their region, storage account, preferred Cosmos DB region and whether they run the
// backup jobs (one region at a time: the primary, until a failover moves them).
module functionAppPrimary 'modules/functionApp.bicep' = {
  name: 'functionAppPrimary'
  params: {
    name: primaryAppName
    planName: '${baseName}-plan'
    location: location
    otherLocation: secondaryLocation
    zoneRedundant: zoneRedundant
    runsBackups: true
    nativeBackupDrillEnabled: grantNativeRestoreDrill
    packageBlobName: appPackageName
    publicBaseUrl: publicBaseUrl
    failoverRegions: failoverRegions
    productionData: environmentName == 'prod'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storagePrimary.outputs.name
    sharedStorageAccountName: storagePrimary.outputs.name
    storageBlobEndpoint: storagePrimary.outputs.blobEndpoint
    deploymentContainerName: storagePrimary.outputs.deploymentContainerName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosAccountName: cosmos.outputs.name
    frontDoorProfileName: frontDoorProfileName
    keyVaultUri: keyVault.outputs.uri
    appInsightsName: appInsightsName
    whatsAppPhoneNumberId: whatsAppPhoneNumberId
    // Also makes the app wait for the monitoring module (it reads the Application Insights connection string by name).
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceCustomerId
    backupAccountName: backupStorage.outputs.name
    backupSecondaryBlobEndpoint: backupStorage.outputs.secondaryBlobEndpoint
    tags: tags
  }
}

module functionAppSecondary 'modules/functionApp.bicep' = {
  name: 'functionAppSecondary'
  params: {
    name: secondaryAppName
    planName: '${baseName}-plan2'
    location: secondaryLocation
    otherLocation: location
    zoneRedundant: zoneRedundant
    runsBackups: false
    packageBlobName: appPackageName
    publicBaseUrl: publicBaseUrl
    failoverRegions: failoverRegions
    productionData: environmentName == 'prod'
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storageSecondary.outputs.name
    sharedStorageAccountName: storagePrimary.outputs.name
    storageBlobEndpoint: storageSecondary.outputs.blobEndpoint
    deploymentContainerName: storageSecondary.outputs.deploymentContainerName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosAccountName: cosmos.outputs.name
    frontDoorProfileName: frontDoorProfileName
    keyVaultUri: keyVault.outputs.uri
    appInsightsName: appInsightsName
    whatsAppPhoneNumberId: whatsAppPhoneNumberId
    // Also makes the app wait for the monitoring module (it reads the Application Insights connection string by name).
    logAnalyticsWorkspaceId: monitoring.outputs.workspaceCustomerId
    backupAccountName: backupStorage.outputs.name
    backupSecondaryBlobEndpoint: backupStorage.outputs.secondaryBlobEndpoint
    tags: tags
  }
}

// Priority routing: the primary takes everything while healthy, the secondary otherwise (probe settings and failover
// arithmetic in the module).
module frontDoorRouting 'modules/frontDoorRouting.bicep' = {
  name: 'frontDoorRouting'
  params: {
    profileName: frontDoorProfileName
    endpointName: frontDoorEndpointName
    primaryHostName: functionAppPrimary.outputs.defaultHostName
    secondaryHostName: functionAppSecondary.outputs.defaultHostName
  }
  // The names are known before deployment (what-if stays precise). The profile and endpoint exist by then: the apps
  // waited for the endpoint's host name.
}

// The recovery drills' Resource Manager roles (issue 13): failover on the account, the native restore's new account in
// this resource group, the origins on the profile, and restorable accounts on the subscription (listed by location).
module recoveryRoles 'modules/recoveryRoles.bicep' = {
  name: 'recoveryRoles'
  params: {
    // Names known before deployment (what-if stays precise); dependsOn waits for the resources.
    cosmosAccountName: cosmosAccountName
    frontDoorProfileName: frontDoorProfileName
    identityId: identity.id
    principalId: identity.properties.principalId
    grantNativeRestore: grantNativeRestoreDrill
  }
  dependsOn: [
    cosmos
    frontDoor
  ]
}

module recoveryRestorableAccounts 'modules/recoveryRestorableAccounts.bicep' = if (grantNativeRestoreDrill) {
  name: 'recoveryRestorableAccounts'
  scope: subscription()
  params: {
    identityId: identity.id
    principalId: identity.properties.principalId
  }
}

module availabilityAlerts 'modules/availabilityAlerts.bicep' = {
  name: 'availabilityAlerts'
  params: {
    appInsightsId: monitoring.outputs.appInsightsId
    workspaceId: monitoring.outputs.workspaceId
    location: location
    namePrefix: baseName
    environmentName: environmentName
    alertEmail: alertEmail
    publicHostName: frontDoorRouting.outputs.publicHostName
    incidentAlertWebhookUrl: incidentAlertWebhookUrl
    tags: tags
  }
}

// Poisoned user messages wait for an operator (docs/operations/inbox.md): a ticket, not a page.
module inboxAlerts 'modules/inboxAlerts.bicep' = {
  name: 'inboxAlerts'
  params: {
    appInsightsId: monitoring.outputs.appInsightsId
    location: location
    namePrefix: baseName
    actionGroupId: availabilityAlerts.outputs.ticketActionGroupId
    tags: tags
  }
}

// Deletes of data-bearing resources and Azure's own incidents page the operators (docs/dr/README.md).
// It runs after the backup account and the vault exist: the alerts' action group comes after both (the linter
// refuses an explicit dependsOn it can prove redundant).
module dataProtection 'modules/dataProtection.bicep' = {
  name: 'dataProtection'
  params: {
    lockData: lockData
    backupAccountName: backupAccountName
    keyVaultName: keyVaultName
    namePrefix: baseName
    pageActionGroupId: availabilityAlerts.outputs.pageActionGroupId
    regionNames: regionDisplayNames
    tags: tags
  }
}

// A drill that did not pass means a runbook is not shown to work (docs/dr/README.md#drills): a ticket, not a page.
module drillAlerts 'modules/drillAlerts.bicep' = {
  name: 'drillAlerts'
  params: {
    appInsightsId: monitoring.outputs.appInsightsId
    location: location
    namePrefix: baseName
    actionGroupId: availabilityAlerts.outputs.ticketActionGroupId
    tags: tags
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  params: {
    displayName: 'AstroBot Continuity availability (${environmentName})'
    location: location
    appInsightsId: monitoring.outputs.appInsightsId
    workspaceId: monitoring.outputs.workspaceId
    webTestName: availabilityAlerts.outputs.webTestName
    frontDoorProfileId: frontDoor.outputs.profileId
    primaryQueueServiceId: storagePrimary.outputs.queueServiceId
    secondaryQueueServiceId: storageSecondary.outputs.queueServiceId
    tags: tags
  }
}

@description('Name of the primary region\'s Function App.')
output functionAppName string = functionAppPrimary.outputs.name

@description('Default host name of the primary region\'s Function App.')
output functionAppHostName string = functionAppPrimary.outputs.defaultHostName

@description('Name of the secondary region\'s Function App.')
output secondaryFunctionAppName string = functionAppSecondary.outputs.name

@description('Default host name of the secondary region\'s Function App.')
output secondaryFunctionAppHostName string = functionAppSecondary.outputs.defaultHostName

@description('Host names of the two staging slots (primary, secondary), to check a build before swapping it in.')
output stagingHostNames array = [
  functionAppPrimary.outputs.stagingHostName
  functionAppSecondary.outputs.stagingHostName
]

@description('Public host name of the service: the Front Door endpoint.')
output frontDoorHostName string = frontDoorRouting.outputs.publicHostName

@description('URL to register as the WhatsApp webhook callback in the Meta app dashboard: through Front Door, so either region answers.')
output webhookUrl string = 'https://${frontDoorRouting.outputs.publicHostName}/api/whatsapp/webhook'

@description('Document endpoint of the Cosmos DB account.')
output cosmosEndpoint string = cosmos.outputs.endpoint

@description('URI of the key vault that holds the WhatsApp secrets and the backup key-encryption key (backup-kek).')
output keyVaultUri string = keyVault.outputs.uri

@description('Name of the backup storage account.')
output backupStorageAccountName string = backupStorage.outputs.name

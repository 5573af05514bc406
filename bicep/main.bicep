// AstroBot Continuity: the business-continuity backend of the AstroBot WhatsApp bot.
// Deploy to a resource group: az deployment group create -g <rg> -f bicep/main.bicep -p bicep/env/<env>.bicepparam

targetScope = 'resourceGroup'

@description('Environment the resources belong to.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Primary Azure region.')
param location string

@description('Secondary Azure region for Cosmos DB geo-redundancy and failover; must differ from location.')
param secondaryLocation string

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

@description('Email address that receives the backup alerts.')
@minLength(3)
param alertEmail string

var baseName = '${namePrefix}-${environmentName}'
var appInsightsName = '${baseName}-appi'
// Globally unique names: storage accounts and key vaults allow at most 24 characters.
var uniqueSuffix = uniqueString(resourceGroup().id)
var tags = {
  application: 'astrobot-continuity'
  environment: environmentName
}

// The one identity the Function App uses for every data-plane call: storage, Cosmos DB, Key Vault.
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
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
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

// Backups live in an account of their own, away from the app's storage account (which holds the wrapped user keys).
module backupStorage 'modules/backupStorage.bicep' = {
  name: 'backupStorage'
  params: {
    name: take('${namePrefix}${environmentName}bk${uniqueSuffix}', 24)
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

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: '${baseName}-cosmos-${uniqueSuffix}'
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
    name: take('${baseName}-kv-${uniqueSuffix}', 24)
    location: location
    identityId: identity.id
    principalId: identity.properties.principalId
    tags: tags
  }
}

module functionApp 'modules/functionApp.bicep' = {
  name: 'functionApp'
  params: {
    name: '${baseName}-func-${uniqueSuffix}'
    planName: '${baseName}-plan'
    location: location
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosAccountName: cosmos.outputs.name
    keyVaultUri: keyVault.outputs.uri
    appInsightsName: appInsightsName
    whatsAppPhoneNumberId: whatsAppPhoneNumberId
    backupAccountName: backupStorage.outputs.name
    backupSecondaryBlobEndpoint: backupStorage.outputs.secondaryBlobEndpoint
    tags: tags
  }
  // The app reads the Application Insights connection string by name, so the component must exist first.
  dependsOn: [
    monitoring
  ]
}

@description('Name of the Function App.')
output functionAppName string = functionApp.outputs.name

@description('Default host name of the Function App.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('URL to register as the WhatsApp webhook callback in the Meta app dashboard.')
output webhookUrl string = 'https://${functionApp.outputs.defaultHostName}/api/whatsapp/webhook'

@description('Document endpoint of the Cosmos DB account.')
output cosmosEndpoint string = cosmos.outputs.endpoint

@description('URI of the key vault that holds the WhatsApp secrets and the backup key-encryption key (backup-kek).')
output keyVaultUri string = keyVault.outputs.uri

@description('Name of the backup storage account.')
output backupStorageAccountName string = backupStorage.outputs.name

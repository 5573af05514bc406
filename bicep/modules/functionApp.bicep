// The Function App (isolated worker, .NET 10) and its plan.
//
// Why Elastic Premium (EP1): the WhatsApp webhook must answer fast, and Premium keeps an always-ready
// instance (no cold start); it is VNet-ready for when Cosmos DB and storage move behind private endpoints;
// Durable Functions run without the Consumption plan's time limits. Flex Consumption is the alternative
// (also VNet-capable, always-ready instances, identity-based deployment storage) if cost matters more.
//
// No keys anywhere: the host and the app reach storage, Cosmos DB and Key Vault with the user-assigned
// identity. Without a storage key there is no Azure Files content share, so the app runs from a package
// blob that the identity reads (WEBSITE_RUN_FROM_PACKAGE + WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID).

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

@description('Name of the storage account for the Functions host and the app\'s queues and tables.')
param storageAccountName string

@description('Blob endpoint of that storage account.')
param storageBlobEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Document endpoint of the Cosmos DB account.')
param cosmosEndpoint string

@description('Name of that Cosmos DB account, in this resource group: restore targets are created in it through Resource Manager.')
param cosmosAccountName string

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

@description('Tags applied to every resource.')
param tags object

@description('Six-field NCRONTAB schedules (UTC) of the timer functions; the defaults are those of Hosting/Schedules.cs.')
param schedules object = {
  messageLedgerPrune: '0 30 3 * * *'
  backupFull: '0 0 2 * * *'
  backupIncremental: '0 */5 * * * *'
  backupVerify: '0 0 4 * * *'
  backupRestoreTest: '0 0 5 * * 0'
  backupPrune: '0 0 3 * * *'
  backupStatus: '0 */5 * * * *'
}

@description('Queues the front door and the export requests use; the defaults are those of FrontDoorOptions and PortabilityOptions.')
param queueNames object = {
  inbox: 'whatsapp-inbox'
  exportRequests: 'export-requests'
}

var packageUrl = '${storageBlobEndpoint}${deploymentContainerName}/functionapp.zip'

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
  Storage__AccountName: storageAccountName
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
}

var settingsList = [for setting in items(settings): { name: setting.key, value: setting.value }]

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
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: 20
  }
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
      minimumElasticInstanceCount: 1
      // The connection string is known only at deployment time, so it joins the list here.
      appSettings: concat(settingsList, [
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
      ])
    }
  }
}

// Publishing goes through Entra ID, never basic-auth (FTP/SCM user and password).
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

@description('Name of the Function App.')
output name string = site.name

@description('Default host name of the Function App.')
output defaultHostName string = site.properties.defaultHostName

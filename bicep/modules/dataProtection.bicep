// Protection of the data against deletion and notice of the cloud's own outages (docs/dr/README.md, "Gaps this plan
// works around"; runbooks deleted-resources.md and region-outage.md):
//
// - A CanNotDelete lock on the backup account and the Key Vault, where the deployment says so (production). Locks are
//   control plane only: the backups' writes, prunes and the immutability policy are data plane and unaffected. No lock
//   on the Cosmos DB account: a lock covers its child resources too, and the restore test and the restore drill create
//   and delete scratch databases through Resource Manager; a deleted account is restorable from its continuous backup
//   instead (docs/dr/deleted-resources.md), and the alert below says it happened.
// - An activity-log alert when anyone deletes the Cosmos DB account, a database or container, a storage account, the
//   Key Vault, or a lock: page the operators (the runbook is deleted-resources.md).
// - A Service Health alert for incidents in the services and regions this deployment runs on: page the operators (the
//   runbook is region-outage.md), so a region outage Azure declares is known before the probe alone shows it.

@description('Whether to lock the backup account and the Key Vault against deletion (production: true).')
param lockData bool

@description('Name of the backup storage account.')
param backupAccountName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Prefix of the alert rule names, e.g. astrobot-prod.')
param namePrefix string

@description('Resource id of the action group that pages the operators.')
param pageActionGroupId string

@description('Azure regions the deployment runs in (Service Health names, e.g. West Europe).')
param regionNames array

@description('Tags applied to every resource.')
param tags object

resource backupAccount 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: backupAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' existing = {
  name: keyVaultName
}

resource backupAccountLock 'Microsoft.Authorization/locks@2020-05-01' = if (lockData) {
  scope: backupAccount
  name: 'do-not-delete-backups'
  properties: {
    level: 'CanNotDelete'
    notes: 'The backups of the bot\'s data. Removing this lock is itself alerted. See docs/dr/backup-account-lost.md.'
  }
}

resource vaultLock 'Microsoft.Authorization/locks@2020-05-01' = if (lockData) {
  scope: vault
  name: 'do-not-delete-keys'
  properties: {
    level: 'CanNotDelete'
    notes: 'The key-encryption key that opens every backup. Removing this lock is itself alerted. See docs/dr/kek-lost.md.'
  }
}

// Successful deletes only: a refused one (a lock, a missing role) changed nothing.
var deleteOperations = [
  'Microsoft.DocumentDB/databaseAccounts/delete'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/delete'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/delete'
  'Microsoft.Storage/storageAccounts/delete'
  'Microsoft.KeyVault/vaults/delete'
  'Microsoft.Authorization/locks/delete'
]

resource deleteAlert 'Microsoft.Insights/activityLogAlerts@2026-01-01' = {
  name: '${namePrefix}-data-deleted'
  location: 'global'
  tags: tags
  properties: {
    description: 'A Cosmos DB account, database or container, a storage account, the Key Vault or a lock was deleted. The restore test and the restore drill delete their own scratch databases (restore-test-*): check the resource name first. See docs/dr/deleted-resources.md.'
    enabled: true
    scopes: [
      resourceGroup().id
    ]
    condition: {
      allOf: [
        {
          field: 'category'
          equals: 'Administrative'
        }
        {
          field: 'status'
          equals: 'Succeeded'
        }
        {
          anyOf: [for operation in deleteOperations: {
            field: 'operationName'
            equals: operation
          }]
        }
      ]
    }
    actions: {
      actionGroups: [
        {
          actionGroupId: pageActionGroupId
        }
      ]
    }
  }
}

// Service Health names of the services this deployment runs on.
var services = [
  'Azure Cosmos DB'
  'Storage'
  'Functions'
  'App Service'
  'Azure Front Door'
  'Key Vault'
  'Azure Monitor'
]

resource serviceHealthAlert 'Microsoft.Insights/activityLogAlerts@2026-01-01' = {
  name: '${namePrefix}-azure-incident'
  location: 'global'
  tags: tags
  properties: {
    description: 'Azure declared an incident in a service and region this deployment runs on. See docs/dr/region-outage.md.'
    enabled: true
    scopes: [
      subscription().id
    ]
    condition: {
      allOf: [
        {
          field: 'category'
          equals: 'ServiceHealth'
        }
        {
          field: 'properties.incidentType'
          equals: 'Incident'
        }
        {
          field: 'properties.impactedServices[*].ServiceName'
          containsAny: services
        }
        {
          field: 'properties.impactedServices[*].ImpactedRegions[*].RegionName'
          containsAny: regionNames
        }
      ]
    }
    actions: {
      actionGroups: [
        {
          actionGroupId: pageActionGroupId
        }
      ]
    }
  }
}

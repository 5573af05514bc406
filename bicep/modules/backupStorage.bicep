// The backups: a storage account of its own, apart from the app's storage account (modules/storage.bicep), which
// holds the wrapped per-user keys; the key-encryption key lives in Key Vault. Keys never sit next to backups.
//
// Read-access geo-zone-redundant (RA-GZRS): three zones in the primary region, a copy in the paired region that can
// be read without a failover. Version-level immutability (WORM) with a default retention on the backups container:
// a backup written cannot be changed or deleted until its retention has passed, by the app or by anyone (short of
// an administrator shortening or removing the policy while it is unlocked; see the policy below).
// Shared keys are off, like the app's storage account: every caller signs in with Microsoft Entra ID.

@description('Name of the backup storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the backup storage account (the secondary region is its paired region).')
param location string

@description('Blob container that holds the backups.')
@minLength(3)
@maxLength(63)
param backupContainerName string = 'backups'

@description('Days each blob version in the backups container stays immutable (cannot be changed or deleted) after it is written.')
@minValue(1)
param backupImmutabilityDays int = 7

@description('Days a deleted blob or blob version stays recoverable (blob soft delete).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 14

@description('Days a deleted container stays recoverable (container soft delete).')
@minValue(1)
@maxValue(365)
param containerSoftDeleteDays int = 14

@description('Days after the last modification (for previous versions: after creation) that a backup blob moves to the Cool tier.')
@minValue(0)
param coolAfterDays int = 30

@description('Days after the last modification (for previous versions: after creation) that a backup blob moves to the Cold tier; more than coolAfterDays.')
@minValue(1)
param coldAfterDays int = 90

@description('Days after creation that a previous version (what a deleted or replaced backup leaves) is deleted, once no longer immutable.')
@minValue(1)
param previousVersionDeleteAfterDays int = 400

@description('Resource id of the Function App identity; names its role assignments, so they are known before deployment.')
param identityId string

@description('Principal id of the Function App identity that writes, reads and prunes backups and keeps their catalog.')
param principalId string

@description('Tags applied to every resource.')
param tags object

// Built-in role definition ids (same in every tenant). Blob Data Contributor: read, write and delete backup
// blobs (no role management, no immutability super-user). Table Data Contributor: the app keeps its backup
// catalog and restore progress in this account's tables (Backup:CatalogTableName, Backup:RestoreTableName).
var roleIds = {
  blobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard_RAGZRS'
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Version-level immutability support on the account (it needs blob versioning, turned on below);
    // the retention period itself is the backups container's default policy.
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: {
      enabled: true
      days: blobSoftDeleteDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: containerSoftDeleteDays
    }
  }
}

resource backupContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: backupContainerName
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

// The container's default time-based retention: every blob version written to the container is immutable for
// backupImmutabilityDays after its creation. The template leaves the policy UNLOCKED: while unlocked it can be
// shortened or removed, which is what a mistaken value needs; locking it (az storage container immutability-policy
// lock) is an operator decision, irreversible, after which the period can only be extended (see bicep/README.md).
// The app's retention pruning skips blobs that are still immutable; their versions go by the lifecycle rule below.
resource backupRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2026-06-01' = {
  parent: backupContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: backupImmutabilityDays
    allowProtectedAppendWrites: false
  }
}

// Older backups move to cheaper tiers (tiering is allowed on immutable blobs). A deleted or replaced backup leaves a
// previous version behind (versioning is on); those go after previousVersionDeleteAfterDays, so they do not stay
// forever once their immutability has lapsed.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          enabled: true
          name: 'tier-and-expire-backups'
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${backupContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: coolAfterDays
                }
                tierToCold: {
                  daysAfterModificationGreaterThan: coldAfterDays
                }
              }
              version: {
                tierToCool: {
                  daysAfterCreationGreaterThan: coolAfterDays
                }
                tierToCold: {
                  daysAfterCreationGreaterThan: coldAfterDays
                }
                delete: {
                  daysAfterCreationGreaterThan: previousVersionDeleteAfterDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in items(roleIds): {
    name: guid(account.id, identityId, roleId.value)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId.value)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

@description('Name of the backup storage account.')
output name string = account.name

@description('Resource id of the backup storage account.')
output id string = account.id

@description('Blob endpoint of the primary region.')
output primaryBlobEndpoint string = account.properties.primaryEndpoints.blob

@description('Read-only blob endpoint of the secondary region (RA-GZRS).')
output secondaryBlobEndpoint string = account.properties.secondaryEndpoints.blob

@description('Name of the backups container.')
output containerName string = backupContainer.name

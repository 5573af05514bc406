// The Functions host storage (Durable Functions task hub, timers, leases) and the app's queues and tables.
// Shared keys are off: every caller, the Functions host included, signs in with Microsoft Entra ID.
// One account per region (main.bicep deploys this module twice): each regional Function App records webhooks in its
// own inbox queue and runs its own task hub, so a storage outage in one region does not take the other one down (an
// account shared by both regions would sit in series with both, capping the composite SLA: docs/availability.md).

@description('Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the storage account.')
param location string

@description('Zone-redundant (ZRS) or geo-zone-redundant (GZRS) replication.')
@allowed([
  'Standard_ZRS'
  'Standard_GZRS'
])
param skuName string

@description('Blob container that holds the Function App deployment package (run from package URL).')
param deploymentContainerName string

@description('Resource id of that identity; names its role assignments, so they are known before deployment.')
param identityId string

@description('Principal id of the Function App identity that gets data-plane roles.')
param principalId string

@description('Blob container of webhook bodies too large for a queue message (FrontDoor:ClaimCheckContainer).')
param claimCheckContainerName string = 'webhook-bodies'

@description('Days after which a claim-check blob that processing never deleted is removed (Meta retries for 7 days).')
@minValue(8)
param claimCheckRetentionDays int = 30

@description('Blob container of WhatsApp data exports until their links expire (Portability:ExportContainerName).')
param exportContainerName string = 'exports'

@description('Queue of confirmed exports waiting for their orchestration (Portability:ExportRequestQueueName).')
param exportRequestQueueName string = 'export-requests'

@description('Queue that durably records every accepted webhook (FrontDoor:InboxQueueName).')
param inboxQueueName string = 'whatsapp-inbox'

@description('Queue of inbox messages that failed every attempt (FrontDoor:PoisonQueueName, the queue trigger\'s <queue>-poison).')
param inboxPoisonQueueName string = 'whatsapp-inbox-poison'

@description('Days after which an export archive is deleted: at least the longest link lifetime (7 days) plus one.')
@minValue(8)
param exportRetentionDays int = 8

@description('Tags applied to every resource.')
param tags object

// Built-in role definition ids (same in every tenant). Storage Blob Data Owner, assigned on the account, also grants
// Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action: the app signs export links with a
// user delegation key (shared keys are off), so no Storage Blob Delegator assignment is needed.
var roleIds = {
  blobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  queueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  tableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource account 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
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
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Export archives (one per user and day, under a 128-bit random folder) until their link expires; never public.
resource exportContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-06-01' = {
  parent: blobService
  name: exportContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-06-01' = {
  parent: account
  name: 'default'
}

// The Functions queue triggers listen on these from the first deployment: the export requests, and the region's inbox
// with its poison queue (the app also creates the inbox at start; declaring both here makes them part of the region).
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-06-01' = [
  for queueName in [exportRequestQueueName, inboxQueueName, inboxPoisonQueueName]: {
    parent: queueService
    name: queueName
  }
]

// Processing deletes a claim-check blob once its webhook is handled; this removes what a failure left behind,
// long after Meta's 7-day retry window and the poison queue's review.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2026-06-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          enabled: true
          name: 'expire-claim-check-bodies'
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${claimCheckContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: claimCheckRetentionDays
                }
              }
            }
          }
        }
        // An export link works for at most 7 days; the archive behind it goes a day later, whatever the app did.
        {
          enabled: true
          name: 'expire-export-archives'
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${exportContainerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: exportRetentionDays
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

@description('Name of the storage account.')
output name string = account.name

@description('Blob endpoint of the storage account.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Name of the deployment package container.')
output deploymentContainerName string = deploymentContainer.name

@description('Name of the export archive container.')
output exportContainerName string = exportContainer.name

@description('Resource id of the queue service (its metrics include the account\'s queue message count).')
output queueServiceId string = queueService.id

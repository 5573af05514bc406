// The Functions host storage (Durable Functions task hub, timers, leases) and the app's queues and tables.
// Shared keys are off: every caller, the Functions host included, signs in with Microsoft Entra ID.

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

@description('Tags applied to every resource.')
param tags object

// Built-in role definition ids (same in every tenant).
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

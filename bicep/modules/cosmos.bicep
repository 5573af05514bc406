// The bot's data: Cosmos DB for NoSQL, every user-owned container partitioned by the WhatsApp id.
// Keys are off (disableLocalAuth): the app signs in with its managed identity and a Cosmos DB SQL role.
// Continuous backup gives point-in-time restore; a second region with automatic failover gives availability.

@description('Name of the Cosmos DB account.')
@minLength(3)
@maxLength(44)
param name string

@description('Primary (write) region.')
param location string

@description('Secondary region for geo-redundancy and automatic failover; must differ from location.')
param secondaryLocation string

@description('Maximum autoscale throughput (RU/s) shared by the database\'s containers.')
@minValue(1000)
param autoscaleMaxThroughput int

@description('Resource id of that identity; names its role assignments, so they are known before deployment.')
param identityId string

@description('Principal id of the Function App identity that gets the data-plane role.')
param principalId string

@description('Tags applied to every resource.')
param tags object

var databaseName = 'astrobot'

// User-owned data; every container is partitioned by /wa_id (see docs/data-model).
var containerNames = [
  'accounts'
  'profiles'
  'preferences'
  'subscriptions'
  'readings'
  'messages'
]

// Cosmos DB Built-in Data Contributor (data plane, not an Azure RBAC role).
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2026-03-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
      {
        locationName: secondaryLocation
        failoverPriority: 1
        isZoneRedundant: false
      }
    ]
    enableAutomaticFailover: true
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2026-03-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: {
      autoscaleSettings: {
        maxThroughput: autoscaleMaxThroughput
      }
    }
  }
}

resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2026-03-15' = [
  for containerName in containerNames: {
    parent: database
    name: containerName
    properties: {
      resource: {
        id: containerName
        partitionKey: {
          paths: [
            '/wa_id'
          ]
          kind: 'Hash'
          version: 2
        }
      }
    }
  }
]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2026-03-15' existing = {
  parent: account
  name: dataContributorRoleId
}

resource dataContributorAssignment 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2026-03-15' = {
  parent: account
  name: guid(account.id, identityId, dataContributorRoleId)
  properties: {
    roleDefinitionId: dataContributor.id
    principalId: principalId
    scope: account.id
  }
}

@description('Document endpoint of the Cosmos DB account.')
output endpoint string = account.properties.documentEndpoint

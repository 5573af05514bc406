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

@description('Principal id of the Function App identity that gets the data-plane role and the restore-target role.')
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

// What creating a restore target and dropping the restore test's scratch database need through Resource Manager
// (Backup/Restore/Targets/ResourceManagerRestoreTargets.cs): read the account (location, serverless or not), read the
// live database's throughput (to give a target the same), create, read and delete databases, create and read
// containers, and follow their asynchronous operations. Nothing else: no keys, no account changes, no container deletes.
var restoreTargetActions = [
  'Microsoft.DocumentDB/databaseAccounts/read'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/read'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/write'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/delete'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/operationResults/read'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/throughputSettings/read'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/read'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/write'
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/operationResults/read'
]

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

// The account's keys are off, so the data plane cannot create or delete databases: the app does it through Resource
// Manager with this custom role, assigned on the account only. Role names are unique in a tenant, hence the account's
// name in it (the app's error for a missing role names it: ArmFailures.RoleName).
resource restoreTargetRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(account.id, 'restore-targets')
  properties: {
    roleName: 'AstroBot restore targets (${account.name})'
    description: 'Create, read and delete the restore target databases and containers of Cosmos DB account ${account.name}.'
    type: 'CustomRole'
    permissions: [
      {
        actions: restoreTargetActions
        notActions: []
      }
    ]
    // Custom roles take a resource group or wider as assignable scope; the assignment below is on the account.
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource restoreTargetAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityId, restoreTargetRole.name)
  scope: account
  properties: {
    // The subscription-level id, the form role assignments take for built-in and custom roles alike.
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', restoreTargetRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Document endpoint of the Cosmos DB account.')
output endpoint string = account.properties.documentEndpoint

@description('Name of the Cosmos DB account (the app creates restore targets in it through Resource Manager).')
output name string = account.name

// What the recovery drills (issue 13) do through Resource Manager (functions/AstroBot.Continuity/Recovery/ResourceManager),
// as custom roles holding only those actions, each assigned on the narrowest scope its actions allow. The restorable
// accounts' role is subscription-wide and lives in recoveryRestorableAccounts.bicep.
//
// The assignee is the Function App's identity: there is no separate drills identity yet (issue 14 splits identities),
// so the app that serves users can also fail the account over and reorder Front Door's origins. Role names are unique in
// a tenant, hence the resource's name in each (the app's error for a missing role names it: RecoveryArmRoles).

@description('Name of the Cosmos DB account (modules/cosmos.bicep).')
param cosmosAccountName string

@description('Name of the Front Door profile (modules/frontDoor.bicep).')
param frontDoorProfileName string

@description('Resource id of the Function App identity; names the role assignments, so they are known before deployment.')
param identityId string

@description('Principal id of that identity.')
param principalId string

@description('Whether to grant the native restore drill its role: write and delete on every Cosmos DB account in the resource group, the live one included, to the identity that serves users. Off until the drills have an identity of their own (issue 14).')
param grantNativeRestore bool

// A failover drill reads the account's regions, changes its failover priorities (the graceful switch) and takes a region
// offline (the forced failover): on the live account only.
var failoverActions = [
  'Microsoft.DocumentDB/databaseAccounts/read'
  'Microsoft.DocumentDB/databaseAccounts/failoverPriorityChange/action'
  'Microsoft.DocumentDB/databaseAccounts/offlineRegion/action'
]

// A native restore drill creates a new account (createMode Restore), follows it, and deletes it. Its name is chosen by
// the drill, so no resource exists to scope this to before the drill runs: the resource group is the narrowest scope.
// That also allows writing and deleting the live account, which the app refuses in code (CosmosNativeRestore never
// takes the live account's name); a drills identity of its own (issue 14) is what would take this away from the app.
var nativeRestoreActions = [
  'Microsoft.DocumentDB/databaseAccounts/read'
  'Microsoft.DocumentDB/databaseAccounts/write'
  'Microsoft.DocumentDB/databaseAccounts/delete'
]

// Reading and reordering the origin group's origins (priority, enabledState), and following the patch's operation.
var frontDoorOriginActions = [
  'Microsoft.Cdn/profiles/originGroups/origins/read'
  'Microsoft.Cdn/profiles/originGroups/origins/write'
  'Microsoft.Cdn/operationresults/read'
  'Microsoft.Cdn/operationresults/profileresults/origingroupresults/originresults/read'
]

resource account 'Microsoft.DocumentDB/databaseAccounts@2026-03-15' existing = {
  name: cosmosAccountName
}

resource profile 'Microsoft.Cdn/profiles@2026-07-01' existing = {
  name: frontDoorProfileName
}

resource failoverRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(account.id, 'failover-drills')
  properties: {
    roleName: 'AstroBot failover drills (${cosmosAccountName})'
    description: 'Read Cosmos DB account ${cosmosAccountName}, change its failover priorities and take a region offline.'
    type: 'CustomRole'
    permissions: [
      {
        actions: failoverActions
        notActions: []
      }
    ]
    // Custom roles take a resource group or wider as assignable scope; the assignment below is on the account.
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource failoverAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, identityId, failoverRole.name)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', failoverRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource nativeRestoreRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (grantNativeRestore) {
  name: guid(resourceGroup().id, 'native-restore-drills')
  properties: {
    roleName: 'AstroBot native restore drills (${resourceGroup().name})'
    description: 'Create, read and delete the Cosmos DB account a native point-in-time restore drill makes in resource group ${resourceGroup().name}.'
    type: 'CustomRole'
    permissions: [
      {
        actions: nativeRestoreActions
        notActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource nativeRestoreAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantNativeRestore) {
  name: guid(resourceGroup().id, identityId, nativeRestoreRole.name)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', nativeRestoreRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource frontDoorOriginRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(profile.id, 'front-door-origin-drills')
  properties: {
    roleName: 'AstroBot Front Door origin drills (${frontDoorProfileName})'
    description: 'Read and change the priority and state of the origins of Front Door profile ${frontDoorProfileName}.'
    type: 'CustomRole'
    permissions: [
      {
        actions: frontDoorOriginActions
        notActions: []
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}

resource frontDoorOriginAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(profile.id, identityId, frontDoorOriginRole.name)
  scope: profile
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', frontDoorOriginRole.name)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

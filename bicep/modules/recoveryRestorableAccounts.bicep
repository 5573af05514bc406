// The native restore drill's subscription-wide part: Cosmos DB lists restorable accounts by location
// (/subscriptions/{id}/providers/Microsoft.DocumentDB/locations/{location}/restorableDatabaseAccounts), which is no
// resource Bicep can scope a role to, so reading them and restoring from one are granted on the subscription. Nothing
// else: the new account is written under recoveryRoles.bicep's resource-group role. Deployed with scope subscription()
// from main.bicep, so whoever deploys needs to write role definitions and assignments on the subscription.

targetScope = 'subscription'

@description('Resource id of the Function App identity; names the role assignment.')
param identityId string

@description('Principal id of that identity (no separate drills identity yet: issue 14).')
param principalId string

var restorableAccountActions = [
  'Microsoft.DocumentDB/locations/restorableDatabaseAccounts/read'
  'Microsoft.DocumentDB/locations/restorableDatabaseAccounts/restore/action'
]

resource restorableAccountsRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'restorable-accounts')
  properties: {
    roleName: 'AstroBot restorable accounts (${subscription().subscriptionId})'
    description: 'List the Cosmos DB accounts that can be restored, and restore from them.'
    type: 'CustomRole'
    permissions: [
      {
        actions: restorableAccountActions
        notActions: []
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource restorableAccountsAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, identityId, restorableAccountsRole.name)
  properties: {
    roleDefinitionId: restorableAccountsRole.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

// Workspace-based Application Insights: telemetry lands in a Log Analytics workspace we control
// (retention, queries, alerts), instead of the retired classic storage.

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Azure region of the monitoring resources.')
param location string

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Resource id of the Function App identity; names its role assignment, so it is known before deployment.')
param identityId string

@description('Principal id of the Function App identity, which reads the workspace for the SLA report.')
param principalId string

@description('Tags applied to every resource.')
param tags object

// Log Analytics Reader: read and query the workspace's logs, nothing else (the SLA report's query of the probe's events).
var logAnalyticsReaderRoleId = '73c42c96-874c-492b-b04d-ab87d138a893'

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource logReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(workspace.id, identityId, logAnalyticsReaderRoleId)
  scope: workspace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', logAnalyticsReaderRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

@description('Resource id of the Application Insights component (the scope of the log alert rules).')
output appInsightsId string = appInsights.id

@description('Resource id of the Log Analytics workspace (the scope of the burn-rate alert rules and the workbook\'s queries).')
output workspaceId string = workspace.id

@description('Workspace ID (customerId, a GUID) of the Log Analytics workspace: what the query API takes.')
output workspaceCustomerId string = workspace.properties.customerId

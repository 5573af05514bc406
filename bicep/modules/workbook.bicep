// The operators' view in the Azure Portal: an Azure Monitor workbook (Application Insights > Workbooks, or Monitor >
// Workbooks) with availability and the error budget, webhook latency, inbox and poison queue depth, backup freshness
// and verification, and a placeholder for the drill results of the disaster-recovery issue.
//
// The workbook itself is ../workbooks/availability.workbook.json (edit it in the portal's Advanced Editor and paste it
// back, or by hand). Its queries name their resources with placeholders, filled in here: __WORKSPACE_ID__ (the Log
// Analytics workspace every log query runs in), __APP_INSIGHTS_ID__, __WEBTEST_NAME__, __FRONT_DOOR_ID__ and the two
// regions' queue services.

@description('Display name of the workbook in the portal.')
param displayName string

@description('Azure region of the workbook (that of the Application Insights component).')
param location string

@description('Resource id of the Application Insights component the workbook belongs to.')
param appInsightsId string

@description('Resource id of the Log Analytics workspace behind it.')
param workspaceId string

@description('Name of the availability test (AppAvailabilityResults.Name).')
param webTestName string

@description('Resource id of the Front Door profile (origin health metric).')
param frontDoorProfileId string

@description('Resource id of the primary region\'s queue service (queue message count metric).')
param primaryQueueServiceId string

@description('Resource id of the secondary region\'s queue service.')
param secondaryQueueServiceId string

@description('Tags applied to every resource.')
param tags object

var template = loadTextContent('../workbooks/availability.workbook.json')

var serializedData = replace(replace(replace(replace(replace(replace(template,
  '__WORKSPACE_ID__', workspaceId),
  '__APP_INSIGHTS_ID__', appInsightsId),
  '__WEBTEST_NAME__', webTestName),
  '__FRONT_DOOR_ID__', frontDoorProfileId),
  '__PRIMARY_QUEUE_SERVICE_ID__', primaryQueueServiceId),
  '__SECONDARY_QUEUE_SERVICE_ID__', secondaryQueueServiceId)

// A workbook's name is a GUID; this one is stable per resource group, so a redeployment updates it in place.
resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, 'availability-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsightsId
    version: 'Notebook/1.0'
    serializedData: serializedData
  }
}

@description('Resource id of the workbook.')
output id string = workbook.id

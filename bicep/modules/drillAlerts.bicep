// Drill alert: a disaster-recovery drill that did not pass.
//
// Every drill logs its end (Recovery/Drills/DrillRecorder.cs): event 1802 (ContinuityEventId.DrillPassed) when it
// passed, 1803 (DrillNotPassed, at Warning) when it failed, missed its RTO or RPO objective, or was found abandoned by
// the next drill's start. The trace's customDimensions carry EventId, DrillId, Kind and State. A drill ends once, so
// the rule looks back over two evaluation periods (late ingestion would otherwise miss it) and alerts once per drill:
// the drill id is a dimension, and the alert resolves itself once the event is out of the window.
// Runbook: docs/dr/README.md#drills (continuity drill show <id> says why; continuity dr status shows what is due).

@description('Resource id of the Application Insights component the Function Apps report to.')
param appInsightsId string

@description('Azure region of the alert rule (that of the Application Insights component).')
param location string

@description('Prefix of the alert rule name, e.g. astrobot-prod.')
param namePrefix string

@description('Resource id of the action group that receives the alert (the operators\' ticket group).')
param actionGroupId string

@description('Tags applied to every resource.')
param tags object

// ContinuityEventId.DrillNotPassed.
var notPassedEventId = 1803

var evaluationMinutes = 15

var windowMinutes = 2 * evaluationMinutes

// {0}: event id, {1}: window in minutes. One row per drill that did not pass.
var notPassedQueryTemplate = '''
traces
| where timestamp > ago({1}m)
| where tostring(customDimensions.EventId) == '{0}'
| summarize arg_max(timestamp, *) by DrillId = tostring(customDimensions.DrillId)
| project DrillId, Kind = tostring(customDimensions.Kind), State = tostring(customDimensions.State), App = cloud_RoleName, Ended = timestamp
'''

resource drillNotPassed 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-drill-not-passed'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Disaster recovery: a drill did not pass'
    description: 'A restore or failover drill failed, missed its RTO or RPO objective (Recovery:Objectives), or was abandoned (its host stopped before it finished; the next start cleaned up after it). Until a drill passes again, the runbook it covers is not shown to work. Read continuity drill show <DrillId> or GET /api/drills/<DrillId>/report for the failed step and the measures, fix the cause, run the drill again (continuity drill run), and update the runbooks (continuity dr runbooks). See docs/dr/README.md#drills'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT${evaluationMinutes}M'
    windowSize: 'PT${windowMinutes}M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format(notPassedQueryTemplate, notPassedEventId, windowMinutes)
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'DrillId'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: [
        actionGroupId
      ]
    }
  }
}

@description('Resource id of the drill alert rule.')
output drillNotPassedAlertId string = drillNotPassed.id

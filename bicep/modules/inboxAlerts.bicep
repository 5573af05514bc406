// Inbox alerts: a poison queue that holds messages, and a poison watch that stopped reporting.
//
// Azure Monitor has no per-queue message count for Storage queues: the account's QueueMessageCount metric
// (Microsoft.Storage/storageAccounts/queueServices) sums every queue of the account and is refreshed about hourly.
// So the Function App's timer InboxPoisonWatch (every 5 minutes, Availability/Inbox/PoisonQueueWatch.cs) reads each
// user-message queue's poison queue (inbox, bot, exports) and logs one PoisonQueueChecked event per queue: a trace
// in Application Insights whose customDimensions carry EventId (1307, ContinuityEventId.PoisonQueueChecked),
// PoisonQueueName and PoisonMessages (the queue's approximate count), at Warning when it is above zero.
//
// Each rule fires when its query returns any row (Count > 0) and resolves itself once it returns none: the poison
// rule resolves after a redrive empties the queue (the next check logs 0), the silence rule once the watch reports again.
// Runbook: docs/operations/inbox.md.

@description('Resource id of the Application Insights component the Function Apps report to.')
param appInsightsId string

@description('Azure region of the alert rules (that of the Application Insights component).')
param location string

@description('Prefix of the alert rule names, e.g. astrobot-prod.')
param namePrefix string

@description('Resource id of the action group that receives the alerts (the operators\' group, e.g. backupAlerts\' output actionGroupId).')
param actionGroupId string

@description('Tags applied to every resource.')
param tags object

// ContinuityEventId.PoisonQueueChecked: the app logs it for every user-message queue on every run of the watch.
var checkedEventId = 1307

// Three runs of the 5-minute watch: the newest check of each queue in it counts.
var poisonWindowMinutes = 15

// A watch that has not reported for this long is an alarm of its own: poisoned messages would go unnoticed.
var silenceMinutes = 30

var runbook = 'See docs/operations/inbox.md'

// {0}: event id, {1}: window in minutes. The newest check per app (region) and poison queue decides: a queue that was
// poisoned and then redriven reports 0 and drops out. One row per poisoned queue, so each is an alert of its own.
var poisonQueryTemplate = '''
traces
| where timestamp > ago({1}m)
| where tostring(customDimensions.EventId) == '{0}'
| extend PoisonQueue = tostring(customDimensions.PoisonQueueName), PoisonMessages = tolong(customDimensions.PoisonMessages)
| summarize arg_max(timestamp, PoisonMessages) by App = cloud_RoleName, PoisonQueue
| where PoisonMessages > 0
| project App, PoisonQueue, PoisonMessages, LastChecked = timestamp
'''

// {0}: event id, {1}: minutes without a check that count as silence. summarize without "by" returns one row even over
// no input (Checks = 0), so silence becomes a row of its own.
var silenceQueryTemplate = '''
traces
| where timestamp > ago({1}m)
| where tostring(customDimensions.EventId) == '{0}'
| summarize Checks = count()
| where Checks == 0
'''

resource poisonQueueNotEmpty 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-inbox-poison'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Inbox: messages in a poison queue'
    description: 'A poison queue (inbox, bot or exports) holds messages: each failed every attempt and waits there, kept without expiry, until an operator puts it back. Read continuity inbox status, find the cause in the logs (the queue workers\' failures and the WhatsAppInbox or PortabilityExportRequest function failures), fix it, then run continuity inbox redrive --queue <queue>. ${runbook}'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT${poisonWindowMinutes}M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format(poisonQueryTemplate, checkedEventId, poisonWindowMinutes)
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            {
              name: 'App'
              operator: 'Include'
              values: [
                '*'
              ]
            }
            {
              name: 'PoisonQueue'
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

resource poisonWatchSilent 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-inbox-poison-watch-silent'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Inbox: poison watch not reporting'
    description: 'No Function App has logged a poison queue check (event ${checkedEventId}) for ${silenceMinutes} minutes: poisoned messages would go unnoticed, and those the Functions runtime poisoned keep its 7-day time-to-live until the watch runs. Check that the Function App runs, that the InboxPoisonWatch timer is enabled and succeeds, and that the InboxPoisonWatchSchedule setting is set. ${runbook}'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT${silenceMinutes}M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format(silenceQueryTemplate, checkedEventId, silenceMinutes)
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
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

@description('Resource id of the poison queue alert rule.')
output poisonAlertId string = poisonQueueNotEmpty.id

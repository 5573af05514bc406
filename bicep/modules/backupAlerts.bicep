// Backup alerts: log search alert rules over the gauges the app reports to Application Insights (OpenTelemetry
// metrics land in customMetrics), and the action group that emails the operators.
//
// A customMetrics row: name is the instrument, timestamp when it was reported, valueMax the largest reading the
// row aggregates (value is their sum when a row aggregates several, so it is only the fallback when valueMax is
// empty). Each query looks at the newest reading and returns a row only when something is wrong; a rule fires on
// any row. The two backup-age rules also fire when their gauge has not been reported for reportSilenceMinutes:
// an app that stopped reporting cannot be trusted to be backing up.

@description('Resource id of the Application Insights component the app reports to.')
param appInsightsId string

@description('Azure region of the alert rules (that of the Application Insights component).')
param location string

@description('Name of the action group.')
param actionGroupName string

@description('Short name of the action group, shown in notifications (at most 12 characters).')
@minLength(1)
@maxLength(12)
param actionGroupShortName string

@description('Email address that receives the alerts.')
@minLength(3)
param alertEmail string

@description('Prefix of the alert rule names, e.g. astrobot-prod.')
param namePrefix string

@description('Age in seconds above which the newest verified full backup is too old (default 26 hours: a daily backup plus slack).')
@minValue(1)
param fullBackupMaxAgeSeconds int = 93600

@description('Age in seconds above which the newest incremental backup is too old (default 30 minutes).')
@minValue(1)
param incrementalBackupMaxAgeSeconds int = 1800

@description('Geo-replication lag in seconds of the backup account above which the secondary region is too far behind (default 15 minutes).')
@minValue(1)
param geoReplicationMaxLagSeconds int = 900

@description('Tags applied to every resource.')
param tags object

// The gauges the app emits (fixed names; the app code reports exactly these).
var fullAgeMetric = 'backup_newest_verified_full_age_seconds'
var incrementalAgeMetric = 'backup_newest_incremental_age_seconds'
var geoLagMetric = 'backup_geo_replication_lag_seconds'

// A gauge not reported for this long is an alarm of its own; also the age rules' window.
var reportSilenceMinutes = 30

var runbook = 'See docs/operations/backup-and-restore.md'

// {0}: metric name, {1}: maximum age in seconds, {2}: minutes without a report that count as silence.
// summarize without "by" returns exactly one row even over no input (Reports = 0, the rest null), so silence
// becomes a row of its own. arg_max keeps the newest reading when several instances report.
var ageQueryTemplate = '''
customMetrics
| where timestamp > ago({2}m)
| where name == '{0}'
| summarize Reports = count(), arg_max(timestamp, valueMax, value)
| extend AgeSeconds = coalesce(valueMax, value)
| extend Problem = case(
    Reports == 0, 'not reported for {2} minutes',
    AgeSeconds > {1}, 'older than {1} seconds',
    '')
| where isnotempty(Problem)
| project Problem, AgeSeconds, LastReported = timestamp
'''

// The geo-lag rule's window: the newest reading in it counts; none in it is no alert (the age rules cover silence).
var lagWindowMinutes = 15

// {0}: metric name, {1}: maximum lag in seconds, {2}: window in minutes. Without a reading the single row that
// summarize returns has a null lag, and the comparison drops it: no row, no alert.
var lagQueryTemplate = '''
customMetrics
| where timestamp > ago({2}m)
| where name == '{0}'
| summarize arg_max(timestamp, valueMax, value)
| extend LagSeconds = coalesce(valueMax, value)
| where LagSeconds > {1}
| project LagSeconds, LastReported = timestamp
'''

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: actionGroupShortName
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// Each rule fires when its query returns any row (Count > 0), and resolves itself once the query returns none.
resource fullBackupAge 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-backup-full-age'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Backup: newest verified full backup too old, or not reported'
    description: 'The newest verified full backup is older than ${fullBackupMaxAgeSeconds} seconds, or the app has not reported ${fullAgeMetric} for ${reportSilenceMinutes} minutes. Check that the Function App runs and that the daily full backup and its verification succeed; run one by hand if needed. ${runbook}'
    severity: 1
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT${reportSilenceMinutes}M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format(ageQueryTemplate, fullAgeMetric, fullBackupMaxAgeSeconds, reportSilenceMinutes)
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
        actionGroup.id
      ]
    }
  }
}

resource incrementalBackupAge 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-backup-incremental-age'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Backup: newest incremental backup too old, or not reported'
    description: 'The newest incremental backup is older than ${incrementalBackupMaxAgeSeconds} seconds, or the app has not reported ${incrementalAgeMetric} for ${reportSilenceMinutes} minutes. Check that the Function App runs and that incremental backups succeed (failures, throttling, storage or Key Vault access). ${runbook}'
    severity: 1
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT${reportSilenceMinutes}M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format(ageQueryTemplate, incrementalAgeMetric, incrementalBackupMaxAgeSeconds, reportSilenceMinutes)
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
        actionGroup.id
      ]
    }
  }
}

resource geoReplicationLag 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: '${namePrefix}-backup-geo-lag'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Backup: geo-replication of the backup account behind'
    description: 'The secondary region of the backup storage account is more than ${geoReplicationMaxLagSeconds} seconds behind the primary (${geoLagMetric}): backups written since are not yet readable there. Check the account\'s last sync time and Azure service health; a restore from the secondary would miss them. ${runbook}'
    severity: 2
    enabled: true
    scopes: [
      appInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT${lagWindowMinutes}M'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: format(lagQueryTemplate, geoLagMetric, geoReplicationMaxLagSeconds, lagWindowMinutes)
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
        actionGroup.id
      ]
    }
  }
}

@description('Resource id of the action group, for other alerts to reuse.')
output actionGroupId string = actionGroup.id

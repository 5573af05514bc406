// Availability measured from outside, and the alerts on it.
//
// 1. A standard availability test (Application Insights) that GETs https://<Front Door>/api/health/ready every
//    5 minutes from testLocations, through Front Door like a user's request: it fails when both regions are down, or
//    while Front Door still sends traffic to a dead primary (the failover window). Results land in the workspace's
//    AppAvailabilityResults table, one row per location and run (Success true or false).
// 2. An alert when at least failedLocationCount locations fail in the same 5 minutes: the fastest signal (metric alert,
//    evaluated every minute).
// 3. Multi-window burn-rate alerts for the 99.9% objective over 30 days (Google SRE workbook, "Alerting on SLOs"):
//      error rate = failed results / all results in a window;
//      burn rate  = error rate / error budget, the budget being 1 - 0.999 = 0.001 of all results.
//    A burn rate of 1 spends the whole 30-day budget in exactly 30 days; 14.4 spends it in 50 hours, i.e. 2% of it in
//    one hour. Each rule fires when BOTH of its windows burn at least its factor: the long window says the budget is
//    really being spent, the short one that it still is, so the alert resolves soon after the cause is gone.
//      page   14.4x over 1 h and 5 min   (2% of the budget in an hour)
//      page    6x   over 6 h and 30 min  (5% of the budget in six hours)
//      ticket  1x   over 2 d and 6 h     (the SRE workbook's 3 d is out of a log alert's reach: see below)
//    Low volume: 6 locations every 5 minutes give about 72 results an hour (fewer while the newest are still being
//    ingested), so one failed result is already about 14x over the hour and 1/6 = 167x over 5 minutes. Each rule
//    therefore also wants minFailedResults failed results in its long window: one failed run of one location never
//    pages; two in an hour, one of them in the last 5 minutes, do (the slower windows need more than two anyway:
//    6x over 6 h is 0.6% of about 432 results, 1x over 2 d 0.1% of about 3,456).
//
// Pages go to one action group, tickets to another (both email alertEmail until the operators add their on-call
// receivers, e.g. SMS or an incident tool, to the page group). The page group also calls the incidents' alert webhook
// when incidentAlertWebhookUrl is given: a page opens an incident on the status page. Runbook: docs/availability.md.

@description('Resource id of the Application Insights component the availability test reports to.')
param appInsightsId string

@description('Resource id of the Log Analytics workspace behind it (AppAvailabilityResults): the burn-rate rules query it.')
param workspaceId string

@description('Azure region of the availability test and the log alert rules (that of the Application Insights component).')
param location string

@description('Prefix of the resource names, e.g. astrobot-prod.')
param namePrefix string

@description('Environment name, for the action groups\' short names (at most 12 characters with their suffix).')
param environmentName string

@description('Email address that receives pages and tickets until other receivers are added.')
@minLength(3)
param alertEmail string

@description('Public host name of the service (Front Door\'s endpoint).')
param publicHostName string

@description('Path the availability test requests: the readiness route.')
param probePath string = '/api/health/ready'

@description('Test locations (Application Insights location ids); at least 5, as Microsoft recommends.')
@minLength(5)
@maxLength(16)
param testLocations array = [
  'emea-nl-ams-azr' // West Europe
  'emea-gb-db3-azr' // North Europe
  'emea-fr-pra-edge' // France Central
  'emea-ru-msa-edge' // UK South
  'us-va-ash-azr' // East US
  'apac-sg-sin-azr' // Southeast Asia
]

@description('How many locations failing in the same 5 minutes raise the failed-locations alert.')
@minValue(1)
param failedLocationCount int = 2

@description('Tags applied to every resource.')
param tags object

@description('The incidents\' alert webhook with its function key, https://<Front Door>/api/incidents/alert?code=<key>: the page group calls it (common alert schema) so a paging alert opens an incident on the status page and its resolution resolves it. Empty: no webhook (docs/operations/incidents.md says how to set it).')
@secure()
param incidentAlertWebhookUrl string = ''

// The test's name is its rows' Name in AppAvailabilityResults; the burn-rate queries and the workbook filter on it.
var webTestName = '${namePrefix}-ready-via-front-door'

// The error budget of a 99.9% objective, as a KQL real.
var errorBudget = '0.001'

// The fewest failed results in the long window that may alert (see the header: one failed run is noise, not a burn).
var minFailedResults = 2

var runbook = 'See docs/availability.md'

// The three rules, two windows each. longWindow and shortWindow are KQL timespans; windowSize (the time range the
// alert engine gives the query) is the long window; factor is a KQL real.
var burnRateRules = [
  {
    name: 'burn-rate-fast'
    longWindow: '1h'
    shortWindow: '5m'
    factor: '14.4'
    windowSize: 'PT1H'
    evaluationFrequency: 'PT5M'
    page: true
    severity: 1
    budgetSpent: '2% of the 30-day error budget in one hour'
  }
  {
    name: 'burn-rate-slow'
    longWindow: '6h'
    shortWindow: '30m'
    factor: '6'
    windowSize: 'PT6H'
    evaluationFrequency: 'PT5M'
    page: true
    severity: 1
    budgetSpent: '5% of the 30-day error budget in six hours'
  }
  // Log search alerts scan at most two days of data, whatever the query says ("the alert time range is limited to a
  // maximum of two days", Azure Monitor docs): the SRE workbook's 3-day ticket window cannot be evaluated as such. The
  // ticket keeps its factor (1x: the budget is being spent faster than it lasts) over the longest window an alert can
  // see, 2 days, so it fires at 6.7% of the budget spent instead of 10%. The workbook shows the true 3-day burn rate.
  {
    name: 'burn-rate-ticket'
    longWindow: '2d'
    shortWindow: '6h'
    factor: '1'
    windowSize: 'P2D'
    evaluationFrequency: 'PT1H'
    page: false
    severity: 3
    budgetSpent: 'the error budget spent at least as fast as it lasts, for two days'
  }
]

// {0}: the test's name, {1}: long window, {2}: short window, {3}: burn-rate factor, {4}: error budget, {5}: the fewest
// failed results that may alert. One pass over the long window counts results and failures in both windows (the short
// window is its tail). An empty window burns nothing (a test that stopped reporting is not an outage of the service;
// see docs/availability.md). The query returns one row, with both burn rates, only when both reach the factor; the
// rule fires on any row.
var burnRateQueryTemplate = '''
let errorBudget = {4};
let factor = {3};
let longWindow = {1};
let shortWindow = {2};
let minFailed = {5};
AppAvailabilityResults
| where TimeGenerated > ago(longWindow)
| where Name == '{0}'
| summarize LongTotal = count(), LongFailed = countif(not(Success)),
    ShortTotal = countif(TimeGenerated > ago(shortWindow)),
    ShortFailed = countif(TimeGenerated > ago(shortWindow) and not(Success))
| extend LongBurnRate = iff(LongTotal == 0, 0.0, todouble(LongFailed) / LongTotal / errorBudget),
    ShortBurnRate = iff(ShortTotal == 0, 0.0, todouble(ShortFailed) / ShortTotal / errorBudget)
| where LongBurnRate >= factor and ShortBurnRate >= factor and LongFailed >= minFailed
| project LongBurnRate, ShortBurnRate, LongFailed, LongTotal, ShortFailed, ShortTotal
'''

resource pageGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-page-ag'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('${environmentName}-page', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'on-call'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
    // The function key is in the URL, so the URL is a deployment parameter (secure, never in the template or its
    // parameter files); pages only: a ticket is no outage users should read about.
    webhookReceivers: empty(incidentAlertWebhookUrl)
      ? []
      : [
          {
            name: 'incidents'
            serviceUri: incidentAlertWebhookUrl
            useCommonAlertSchema: true
          }
        ]
  }
}

resource ticketGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-ticket-ag'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('${environmentName}-ticket', 12)
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

// Retries on: a location records a failure only after its retries failed too, so one dropped packet is no failure.
resource webTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: webTestName
  location: location
  // The hidden-link tag is what ties a test to its Application Insights component.
  tags: union(tags, {
    'hidden-link:${appInsightsId}': 'Resource'
  })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: webTestName
    Name: webTestName
    Description: 'GET ${probePath} through Front Door: the service answers from at least one region. ${runbook}'
    Enabled: true
    Kind: 'standard'
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [for testLocation in testLocations: { Id: testLocation }]
    Request: {
      RequestUrl: 'https://${publicHostName}${probePath}'
      HttpVerb: 'GET'
      ParseDependentRequests: false
      FollowRedirects: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource failedLocations 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: '${namePrefix}-ready-failed-locations'
  location: 'global'
  tags: tags
  properties: {
    description: 'At least ${failedLocationCount} of the availability test\'s locations failed to get 200 from ${probePath} through Front Door in the same 5 minutes: the service is down or failing over. ${runbook}'
    severity: 1
    enabled: true
    scopes: [
      webTest.id
      appInsightsId
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: webTest.id
      componentId: appInsightsId
      failedLocationCount: failedLocationCount
    }
    actions: [
      {
        actionGroupId: pageGroup.id
      }
    ]
  }
}

resource burnRateAlerts 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [
  for rule in burnRateRules: {
    name: '${namePrefix}-availability-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: 'Availability: error budget burning at ${rule.factor}x over ${rule.longWindow} and ${rule.shortWindow}'
      description: 'The availability test through Front Door fails ${rule.factor} times as often as a 99.9% objective allows, over both the last ${rule.longWindow} and the last ${rule.shortWindow}: ${rule.budgetSpent}. ${runbook}'
      severity: rule.severity
      enabled: true
      scopes: [
        workspaceId
      ]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: format(burnRateQueryTemplate, webTestName, rule.longWindow, rule.shortWindow, rule.factor, errorBudget, minFailedResults)
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
          rule.page ? pageGroup.id : ticketGroup.id
        ]
      }
    }
    // The test's results are what the rules query; no point evaluating before it exists.
    dependsOn: [
      webTest
    ]
  }
]

@description('Name of the availability test (its results\' Name in AppAvailabilityResults).')
output webTestName string = webTest.name

@description('Resource id of the page action group.')
output pageActionGroupId string = pageGroup.id

@description('Resource id of the ticket action group.')
output ticketActionGroupId string = ticketGroup.id

// Front Door's routing to the two regions: one origin group with priority routing (active-passive), an origin per
// regional Function App, and the route for /api/*.
//
// Priority routing: the primary region's origin has priority 1 and takes all traffic while healthy; the secondary
// (priority 2) takes it only while the primary is unhealthy, and gives it back once the primary is healthy again.
// When every origin of the group is unhealthy, Front Door spreads traffic over all of them (FACTS.md): both regions
// down means Meta sees 5xx answers and retries, as with one region.
//
// Health probes: GET https://<app>/api/health/ready from every Front Door edge, every probeIntervalSeconds. Only an
// HTTP 200 counts as a success; the ready route answers 503 when the region's storage or Cosmos DB does not answer.
// GET rather than HEAD: the ready function answers GET only (a HEAD would be a 404, i.e. never healthy).
//
// An origin is healthy while at least successfulSamplesRequired of its last sampleSize probes succeeded. With
// 30 s, 3 of 4 (the defaults below):
//   - Detection. The origin turns unhealthy at the (4 - 3 + 1) = 2nd failed probe in a row. From the moment the
//     primary stops answering, an edge's next probe comes within 0-30 s and its second 30 s later: that edge moves its
//     traffic to the secondary 30-60 s after the failure (45 s on average), plus the probe's own wait if the origin
//     does not answer at all (an answered 503 fails at once). Each edge decides on its own probes, so for up to a
//     minute some edges still send requests to the primary.
//   - What users see meanwhile: webhooks sent to the dead primary get a 503, or a 504 after originResponseTimeoutSeconds
//     (30 s) when the region is dark; Meta retries them (for up to 7 days), and the retry lands on the secondary once
//     the edge has switched. Nothing acknowledged is lost; the delay is the detection time plus Meta's retry interval.
//   - Failback. After the primary recovers, its last four probes are all failures; it is healthy again at the 3rd
//     success in a row: 60-90 s after recovery. A primary that fails 2 probes out of every 4 never counts as healthy,
//     so a flapping region stays out of rotation instead of ping-ponging at the probe interval.
//   - The defaults (100 s, 3 of 4) would detect in 100-200 s; 5 s would detect in 5-10 s but multiply the probe load,
//     and every edge probes on its own, so each interval brings the origin many probes, each one reading Cosmos DB and
//     the queue service. 30 s keeps a regional failure near one minute of the 43 minutes a 99.9% month allows.
//   - additionalLatencyInMilliseconds only spreads traffic among origins of the same priority whose latency is within
//     that many milliseconds of the fastest; with one origin per priority it never applies, and 0 says so.

@description('Name of the Front Door profile (modules/frontDoor.bicep).')
param profileName string

@description('Name of the Front Door endpoint (modules/frontDoor.bicep).')
param endpointName string

@description('Default host name of the primary region\'s Function App (priority 1).')
param primaryHostName string

@description('Default host name of the secondary region\'s Function App (priority 2).')
param secondaryHostName string

@description('Path Front Door probes on each origin: the readiness route.')
param probePath string = '/api/health/ready'

@description('Seconds between two health probes from one edge (5-255).')
@minValue(5)
@maxValue(255)
param probeIntervalSeconds int = 30

@description('How many of the latest probes count.')
@minValue(1)
param sampleSize int = 4

@description('How many of those must have succeeded for the origin to be healthy; at most sampleSize.')
@minValue(1)
param successfulSamplesRequired int = 3

resource profile 'Microsoft.Cdn/profiles@2026-07-01' existing = {
  name: profileName
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2026-07-01' existing = {
  parent: profile
  name: endpointName
}

resource originGroup 'Microsoft.Cdn/profiles/originGroups@2026-07-01' = {
  parent: profile
  name: 'function-apps'
  properties: {
    loadBalancingSettings: {
      sampleSize: sampleSize
      successfulSamplesRequired: successfulSamplesRequired
      additionalLatencyInMilliseconds: 0
    }
    healthProbeSettings: {
      probePath: probePath
      probeRequestType: 'GET'
      probeProtocol: 'Https'
      probeIntervalInSeconds: probeIntervalSeconds
    }
    sessionAffinityState: 'Disabled'
  }
}

// Priority 1 and 2: active-passive. The host header is the app's own host name, which App Service routes on.
var origins = [
  {
    name: 'primary'
    hostName: primaryHostName
    priority: 1
  }
  {
    name: 'secondary'
    hostName: secondaryHostName
    priority: 2
  }
]

resource originsOfGroup 'Microsoft.Cdn/profiles/originGroups/origins@2026-07-01' = [
  for origin in origins: {
    parent: originGroup
    name: origin.name
    properties: {
      hostName: origin.hostName
      originHostHeader: origin.hostName
      httpPort: 80
      httpsPort: 443
      priority: origin.priority
      weight: 1000
      enabledState: 'Enabled'
      enforceCertificateNameCheck: true
    }
  }
]

// Everything under /api/ goes to the origin group over HTTPS only, uncached (no cacheConfiguration): webhooks, health,
// status and admin routes alike. Plain HTTP is not served at all rather than redirected: Meta calls HTTPS only.
resource route 'Microsoft.Cdn/profiles/afdEndpoints/routes@2026-07-01' = {
  parent: endpoint
  name: 'api'
  properties: {
    originGroup: {
      id: originGroup.id
    }
    supportedProtocols: [
      'Https'
    ]
    patternsToMatch: [
      '/api/*'
    ]
    forwardingProtocol: 'HttpsOnly'
    httpsRedirect: 'Disabled'
    linkToDefaultDomain: 'Enabled'
    enabledState: 'Enabled'
  }
  // A route needs its origin group to have origins.
  dependsOn: [
    originsOfGroup
  ]
}

@description('Public host name of the service (the endpoint\'s), once the route to the origins exists.')
output publicHostName string = endpoint.properties.hostName

@description('Name of the route.')
output routeName string = route.name

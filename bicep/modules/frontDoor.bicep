// Azure Front Door (Standard): the one public entry point in front of the two regional Function Apps.
//
// This module holds the profile and its endpoint only: the endpoint's host name (<name>-<hash>.z01.azurefd.net, not
// predictable) is an input of the Function Apps (their public base URL), and the origins are the Function Apps' host
// names, so the origin group, the origins and the route come after the apps (modules/frontDoorRouting.bicep).
//
// Standard, not Premium: Premium adds the WAF managed rule sets, bot protection and Private Link origins; nothing here
// needs them yet (Meta's webhooks are signed and the apps check the signature), and Premium's monthly base fee is several
// times Standard's. Moving to Premium is a change of this profile's SKU.

@description('Name of the Front Door profile.')
param profileName string

@description('Name of the endpoint; its host name is <name>-<hash>.z01.azurefd.net.')
param endpointName string

@description('Seconds Front Door waits for an origin to answer before it answers 504 (16-240). The webhook answers within its 10-second record timeout; the default 30 leaves room for slower admin routes.')
@minValue(16)
@maxValue(240)
param originResponseTimeoutSeconds int = 30

@description('Tags applied to every resource.')
param tags object

resource profile 'Microsoft.Cdn/profiles@2026-07-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
  properties: {
    originResponseTimeoutSeconds: originResponseTimeoutSeconds
  }
}

resource endpoint 'Microsoft.Cdn/profiles/afdEndpoints@2026-07-01' = {
  parent: profile
  name: endpointName
  location: 'global'
  tags: tags
  properties: {
    enabledState: 'Enabled'
  }
}

@description('Name of the Front Door profile.')
output profileName string = profile.name

@description('Resource id of the Front Door profile (its metrics: origin health, requests, latency).')
output profileId string = profile.id

@description('Name of the endpoint.')
output endpointName string = endpoint.name

@description('Host name of the endpoint, the public host of the service.')
output endpointHostName string = endpoint.properties.hostName

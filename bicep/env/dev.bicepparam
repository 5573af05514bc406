// Development: zone-redundant storage, one app instance a region, the smallest autoscale ceiling, short log retention.
using '../main.bicep'

param environmentName = 'dev'
param location = 'westeurope'
param secondaryLocation = 'northeurope'
param regionDisplayNames = ['West Europe', 'North Europe']
param namePrefix = 'astrobot'
param storageSkuName = 'Standard_ZRS'
// One instance a region, no zone redundancy: two regions to try failover, at a quarter of production's instances.
param zoneRedundant = false
param cosmosAutoscaleMaxThroughput = 1000
param logRetentionInDays = 30
// Not a secret, but per deployment: export WHATSAPP_PHONE_NUMBER_ID before building or deploying.
param whatsAppPhoneNumberId = readEnvironmentVariable('WHATSAPP_PHONE_NUMBER_ID')
// Where the backup alerts go; a placeholder in development.
param alertEmail = 'ops@example.com'

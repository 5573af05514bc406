// Production: geo-zone-redundant storage, zone-redundant apps, room to scale, a quarter of logs.
using '../main.bicep'

param environmentName = 'prod'
param location = 'westeurope'
param secondaryLocation = 'northeurope'
param regionDisplayNames = ['West Europe', 'North Europe']
param namePrefix = 'astrobot'
param storageSkuName = 'Standard_GZRS'
// Each region's plan spread over its availability zones, 2 instances at least.
param zoneRedundant = true
param cosmosAutoscaleMaxThroughput = 4000
param logRetentionInDays = 90
// Not a secret, but per deployment: export WHATSAPP_PHONE_NUMBER_ID before building or deploying.
param whatsAppPhoneNumberId = readEnvironmentVariable('WHATSAPP_PHONE_NUMBER_ID')
// Where the backup alerts go (the operators' mailbox): export ALERT_EMAIL before building or deploying.
param alertEmail = readEnvironmentVariable('ALERT_EMAIL')

// Development: zone-redundant storage, the smallest autoscale ceiling, short log retention.
using '../main.bicep'

param environmentName = 'dev'
param location = 'westeurope'
param secondaryLocation = 'northeurope'
param namePrefix = 'astrobot'
param storageSkuName = 'Standard_ZRS'
param cosmosAutoscaleMaxThroughput = 1000
param logRetentionInDays = 30
// Not a secret, but per deployment: export WHATSAPP_PHONE_NUMBER_ID before building or deploying.
param whatsAppPhoneNumberId = readEnvironmentVariable('WHATSAPP_PHONE_NUMBER_ID')
// Where the backup alerts go; a placeholder in development.
param alertEmail = 'ops@example.com'

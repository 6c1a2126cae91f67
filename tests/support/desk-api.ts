/**
 * Everything \`window.desk\` offers the page, pinned here so a new channel is a deliberate
 * change to the tests too (used by the browser harness and the real-Electron spec).
 */
export const DESK_API_METHODS = [
  'cancelImport',
  'compareVersions',
  'evaluateModel',
  'getSession',
  'getTrustRoster',
  'getWorkstationStatus',
  'grantThresholdReader',
  'importBundles',
  'judgeBundle',
  'listAuditEvents',
  'listBundles',
  'listIdentities',
  'listMetricNames',
  'listModels',
  'listSamples',
  'listThresholdSets',
  'lock',
  'on',
  'openSample',
  'openThresholdSet',
  'registerDroppedFiles',
  'revokeThresholdReader',
  'saveThresholdSet',
  'searchTranscripts',
  'unlock',
] as const;

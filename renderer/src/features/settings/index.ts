export { RosterSettings } from './RosterSettings';
export { SettingsLayout } from './SettingsLayout';
export { ThresholdSetsSettings } from './thresholds/ThresholdSetsSettings';
export { WorkstationSettings } from './WorkstationSettings';

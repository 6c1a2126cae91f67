export { EvidenceScreen } from './EvidenceScreen';
export { EvidenceSearch } from './search';

export { EvidenceScreen } from './EvidenceScreen';

export { DecisionScreen } from './DecisionScreen';
export { DecisionsScreen } from './DecisionsScreen';

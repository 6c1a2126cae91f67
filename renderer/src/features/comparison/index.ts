export { CompareScreen } from './CompareScreen';
export { CompareSearch } from './search';

export { SampleScreen } from './SampleScreen';
export { SampleSearch } from './search';

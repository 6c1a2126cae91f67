export { SampleScreen } from './SampleScreen';
export { SampleSearch } from './search';
export { SampleLink } from './SampleLink';

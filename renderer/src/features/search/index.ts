export { SearchScreen } from './SearchScreen';
export { SearchSearch } from './search';

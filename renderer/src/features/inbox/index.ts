export { InboxScreen } from './InboxScreen';
export { InboxSearch } from './search';

/** A bundle as a row wherever bundles are listed (Inbox, dossier): its marks and shared columns. */
export { BundleMarks, evaluatorText } from './BundleMarks';
export { BUNDLE_COLUMNS } from './columns';

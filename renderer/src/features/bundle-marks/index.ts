/** The marks a bundle carries wherever it is listed (Inbox, dossier). */
export { BundleMarks, evaluatorText } from './BundleMarks';

/** The one date formatter and the one number formatter of the renderer. */
export { formatUtc, formatUtcDate } from './date';
export { formatCount, formatNumber, formatSigned } from './number';

import { version } from '../package.json';

/** The running build's version, as released. */
export const APP_VERSION: string = version;
export const PRODUCT_NAME = 'Designation Desk';

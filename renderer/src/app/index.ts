/** The app shell: layout, banners, navigation and the router. */
export { createDeskRouter, initialPath } from './router';

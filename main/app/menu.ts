/**
 * The application menu. Without one, Electron installs its default menu, whose View menu
 * reloads the page and toggles DevTools (Ctrl+Shift+I). Ours has only what a reviewer needs;
 * reload and DevTools appear only in development mode.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { PRODUCT_NAME } from '../version';

/** DevTools and the reload items: only with DESK_DEVTOOLS=1, and never in a packaged app. */
export function isDevelopmentMode(isPackaged: boolean, env: NodeJS.ProcessEnv): boolean {
  return !isPackaged && env.DESK_DEVTOOLS === '1';
}

export function applicationMenuTemplate(development: boolean): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [
    { label: PRODUCT_NAME, submenu: [{ role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
  ];
  if (development) {
    template.push({
      label: 'Development',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  return template;
}

export function installApplicationMenu(development: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(development)));
}

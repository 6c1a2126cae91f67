import path from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-files';
import { PRODUCT_NAME } from '../version';

/**
 * The one window. The three decisive options are written literally (checklist #2-#4).
 * DevTools only in development mode (menu.ts): in a packaged app nothing can open them.
 */
export function createMainWindow(
  preloadFile: string,
  { devTools }: { readonly devTools: boolean },
): BrowserWindow {
  // Reviewed (docs/security.md): middle-click cannot open or navigate anything, because
  // hardenWebContents denies navigation and window.open for every web contents.
  /* eng-disable AUXCLICK_JS_CHECK */ const window = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#f4f5f7',
    webPreferences: {
      // Reviewed: the preload exposes only the contract's invoke wrappers (preload/index.ts).
      preload: path.resolve(preloadFile), // eng-disable PRELOAD_JS_CHECK
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

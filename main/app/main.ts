/**
 * The Electron shell: lifecycle, window, hardening, protocol, dialogs, IPC wiring.
 * The only room under main/ that may import `electron`; everything else is reached
 * through the composition root (../workspace).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { app, dialog, type BrowserWindow } from 'electron';
import { coreDumpStatus } from '../core-dumps';
import { initCrypto } from '../crypto';
import { createHandlers, createRouter } from '../ipc';
import { openWorkspace, type Workspace } from '../workspace';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { electronShell } from './electron-shell';
import { applyCommandLineSwitches, hardenSession, hardenWebContents } from './hardening';
import { wireIpc } from './ipc-wiring';
import { installApplicationMenu, isDevelopmentMode } from './menu';
import { createMainWindow } from './window';

const here = import.meta.dirname;
const UI_ROOT = path.join(here, '../renderer');
const PRELOAD = path.join(here, '../preload/index.cjs');

applyCommandLineSwitches();
registerAppScheme();
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents);
});

if (!app.requestSingleInstanceLock()) app.quit();

let workspace: Workspace | undefined;
let mainWindow: BrowserWindow | undefined;

void app.whenReady().then(start);

app.on('window-all-closed', () => {
  app.quit();
});
app.on('will-quit', () => {
  workspace?.close();
});

async function start(): Promise<void> {
  await initCrypto();
  hardenSession();
  serveAppScheme(UI_ROOT);
  const options = optionsFromArgs();
  const dataDir = options.dataDir ?? app.getPath('userData');
  // Read once at start; while core dumps are possible every unlock is refused with why.
  const coreDumps = coreDumpStatus();
  if (coreDumps.possible) console.error(`[desk] core dumps are possible: ${coreDumps.why}`);
  try {
    workspace = openWorkspace({
      dataDir,
      coreDumps,
      session:
        options.idleLockMinutes === undefined
          ? {}
          : { idleLockMs: options.idleLockMinutes * 60_000 },
    });
  } catch (error) {
    dialog.showErrorBox(
      'Designation Desk cannot open its data',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
    return;
  }
  const shell = electronShell(() => mainWindow);
  const dispatch = createRouter(createHandlers(workspace.services, shell), (channel, error) => {
    console.error(`[ipc] ${channel} failed:`, error);
  });
  wireIpc(dispatch);
  const development = isDevelopmentMode(app.isPackaged, process.env);
  installApplicationMenu(development);
  mainWindow = createMainWindow(PRELOAD, { devTools: development });
}

/** `--data DIR` and `--idle-lock-minutes N` (1 to 120; the default is 10). */
function optionsFromArgs(): { dataDir?: string; idleLockMinutes?: number } {
  // Electron adds its own switches; read only ours and ignore the rest.
  const { values } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { data: { type: 'string' }, 'idle-lock-minutes': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const minutes = Number(values['idle-lock-minutes']);
  return {
    ...(typeof values.data === 'string' ? { dataDir: values.data } : {}),
    ...(Number.isInteger(minutes) && minutes >= 1 && minutes <= 120
      ? { idleLockMinutes: minutes }
      : {}),
  };
}

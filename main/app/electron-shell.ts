import { dialog, type BrowserWindow } from 'electron';
import { ipcEventName } from '../../common/ipc';
import type { Shell } from '../ipc';

/** The router's shell capabilities, provided by Electron: native dialogs and event push. */
export function electronShell(window: () => BrowserWindow | undefined): Shell {
  return {
    chooseBundleFiles: async () => {
      const target = window();
      const options = {
        title: 'Import result bundles',
        properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
        filters: [{ name: 'Result bundles', extensions: ['evbundle'] }],
      };
      const result = target
        ? await dialog.showOpenDialog(target, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    emit: (event, payload) => {
      window()?.webContents.send(ipcEventName(event), payload);
    },
  };
}

/**
 * A recording stand-in for the `electron` module, for tests of the Electron shell under
 * Node: the one thing mocked, because no Electron binary exists here. Everything the
 * shell reaches behind it is real.
 */
export type Listener = (...args: unknown[]) => unknown;

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** `isPackaged`: as in an installed app (true) or a development run (false). */
export function createFakeElectron({ isPackaged = false }: { isPackaged?: boolean } = {}) {
  const listeners = new Map<string, Listener[]>();
  const on = (prefix: string) => (event: string, listener: Listener) => {
    const key = `${prefix}:${event}`;
    listeners.set(key, [...(listeners.get(key) ?? []), listener]);
  };
  const state = {
    listeners,
    switches: [] as [string, string | undefined][],
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; url?: string }[],
    beforeRequest: undefined as undefined | Listener,
    permissionRequest: undefined as undefined | Listener,
    permissionCheck: undefined as undefined | Listener,
    devicePermission: undefined as undefined | Listener,
    dictionaryUrl: undefined as undefined | string,
    spellchecker: undefined as undefined | boolean,
    dataDir: '',
    errors: [] as string[],
    /** Each template passed to Menu.setApplicationMenu, in order. */
    menus: [] as unknown[],
  };
  const session = {
    webRequest: { onBeforeRequest: (l: Listener) => (state.beforeRequest = l) },
    setPermissionRequestHandler: (l: Listener) => (state.permissionRequest = l),
    setPermissionCheckHandler: (l: Listener) => (state.permissionCheck = l),
    setDevicePermissionHandler: (l: Listener) => (state.devicePermission = l),
    setDisplayMediaRequestHandler: () => undefined,
    setSpellCheckerEnabled: (enabled: boolean) => (state.spellchecker = enabled),
    setSpellCheckerDictionaryDownloadURL: (url: string) => (state.dictionaryUrl = url),
    on: on('session'),
  };
  class BrowserWindow {
    readonly record: { options: Record<string, unknown>; url?: string };
    readonly webContents = { mainFrame: {} };
    constructor(options: Record<string, unknown>) {
      this.record = { options };
      state.windows.push(this.record);
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const module = {
    app: {
      commandLine: {
        appendSwitch: (name: string, value?: string) => state.switches.push([name, value]),
      },
      on: on('app'),
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      getPath: () => state.dataDir,
      isPackaged,
      quit: () => undefined,
      exit: () => undefined,
    },
    session: { defaultSession: session },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        state.protocolHandlers.set(scheme, handler),
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => state.ipcHandlers.set(channel, handler),
    },
    dialog: { showErrorBox: (_title: string, message: string) => state.errors.push(message) },
    BrowserWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: (menu: { template: unknown } | null) => state.menus.push(menu?.template),
    },
  };
  return { state, module };
}

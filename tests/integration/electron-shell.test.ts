/**
 * The Electron shell's wiring, run under Node with the `electron` module replaced by a
 * recording fake: the one thing mocked, because no Electron binary exists here
 * (tests/electron/app.spec.ts checks the same in a real Electron where one is provisioned).
 * Everything behind the shell is real: workspace, SQLite file, router, UI files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initWorkspace } from '../../main/workspace';
import type { Listener } from '../support/fake-electron';

const fake = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('../support/fake-electron');
  return createFakeElectron();
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-shell-'));

beforeAll(async () => {
  fake.state.dataDir = path.join(parent, 'data');
  initWorkspace({ dataDir: fake.state.dataDir, classification: 'SECRET//NOFORN' }).close();
  await import('../../main/app/main');
  await vi.waitFor(() => {
    expect(fake.state.windows).toHaveLength(1);
  });
});

afterAll(() => {
  for (const listener of fake.state.listeners.get('app:will-quit') ?? []) listener();
  fs.rmSync(parent, { recursive: true, force: true });
});

describe('Electron shell (fake electron module, real everything else)', () => {
  it('opens the workstation without error and loads the UI from app://', () => {
    expect(fake.state.errors).toEqual([]);
    expect(fake.state.windows[0]?.url).toBe('app://desk/index.html');
  });

  it('creates the window sandboxed, context-isolated and without Node integration', () => {
    expect(fake.state.windows[0]?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(fake.state.windows[0]?.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('keeps DevTools off and sets a menu with no reload or DevTools items by default', () => {
    expect(process.env.DESK_DEVTOOLS).toBeUndefined();
    expect(fake.state.windows[0]?.options.webPreferences).toMatchObject({ devTools: false });
    expect(fake.state.menus).toHaveLength(1);
    expect(menuRoles(fake.state.menus[0])).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/reload|devtools/i)]),
    );
    expect(menuRoles(fake.state.menus[0])).toEqual(expect.arrayContaining(['quit', 'copy']));
  });

  it.each([
    [false, { DESK_DEVTOOLS: '1' }, true],
    [false, {}, false],
    [false, { DESK_DEVTOOLS: 'yes' }, false],
    [false, { DESK_NO_DEVTOOLS: '' }, false],
    [true, { DESK_DEVTOOLS: '1' }, false],
  ])('development mode (packaged %s, env %j): %s', async (packaged, env, expected) => {
    const { applicationMenuTemplate, isDevelopmentMode } = await import('../../main/app/menu');
    expect(isDevelopmentMode(packaged, env)).toBe(expected);
    expect(menuRoles(applicationMenuTemplate(expected)).includes('toggleDevTools')).toBe(expected);
  });

  it('turns off name resolution and proxies before ready', () => {
    expect(fake.state.switches).toContainEqual(['host-resolver-rules', 'MAP * ^NOTFOUND']);
    expect(fake.state.switches).toContainEqual(['no-proxy-server', undefined]);
  });

  it('registers app:// as a secure standard scheme', () => {
    expect(fake.state.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ]);
  });

  it.each([
    ['app://desk/index.html', false],
    ['https://lab.invalid/upload', true],
    ['http://127.0.0.1:8080/', true],
    ['file:///etc/passwd', true],
    ['ws://localhost/', true],
    ['devtools://devtools/bundled/x.js', true],
  ])('webRequest: %s cancelled=%s', (url, cancel) => {
    const callback = vi.fn();
    fake.state.beforeRequest?.({ url }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel });
  });

  it('denies every permission request and check but writing text to the clipboard', () => {
    for (const permission of ['media', 'clipboard-read', 'notifications', 'openExternal']) {
      const callback = vi.fn();
      fake.state.permissionRequest?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(fake.state.permissionCheck?.({}, permission)).toBe(false);
    }
    const callback = vi.fn();
    fake.state.permissionRequest?.({}, 'clipboard-sanitized-write', callback);
    expect(callback).toHaveBeenCalledWith(true);
    expect(fake.state.permissionCheck?.({}, 'clipboard-sanitized-write')).toBe(true);
    expect(fake.state.devicePermission?.()).toBe(false);
  });

  it('prevents downloads and never fetches spellchecker dictionaries', () => {
    const event = { preventDefault: vi.fn() };
    for (const listener of fake.state.listeners.get('session:will-download') ?? []) listener(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(fake.state.spellchecker).toBe(false);
    expect(fake.state.dictionaryUrl).toMatch(/^app:\/\//);
  });

  it('denies navigation, redirects, webviews and new windows in every web contents', () => {
    const contents = {
      handlers: new Map<string, Listener>(),
      on(event: string, listener: Listener) {
        this.handlers.set(event, listener);
      },
      openHandler: undefined as undefined | Listener,
      setWindowOpenHandler(listener: Listener) {
        this.openHandler = listener;
      },
    };
    for (const listener of fake.state.listeners.get('app:web-contents-created') ?? []) {
      listener({}, contents);
    }
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() };
      contents.handlers.get(event)?.(e);
      expect(e.preventDefault, event).toHaveBeenCalled();
    }
    expect(contents.openHandler?.({ url: 'https://x.invalid/' })).toEqual({ action: 'deny' });
  });

  it('registers one IPC handler per contract channel and nothing else', () => {
    expect([...fake.state.ipcHandlers.keys()].sort()).toEqual([
      'desk:cancelImport',
      'desk:compareVersions',
      'desk:evaluateModel',
      'desk:getSession',
      'desk:getTrustRoster',
      'desk:getWorkstationStatus',
      'desk:grantThresholdReader',
      'desk:importBundles',
      'desk:judgeBundle',
      'desk:listAuditEvents',
      'desk:listBundles',
      'desk:listIdentities',
      'desk:listMetricNames',
      'desk:listModels',
      'desk:listSamples',
      'desk:listThresholdSets',
      'desk:lock',
      'desk:openSample',
      'desk:openThresholdSet',
      'desk:registerDrop',
      'desk:revokeThresholdReader',
      'desk:saveThresholdSet',
      'desk:searchTranscripts',
      'desk:unlock',
    ]);
  });

  it('answers the app page through the real router and refuses any other sender', async () => {
    const handler = fake.state.ipcHandlers.get('desk:getWorkstationStatus');
    const mainFrame = { url: 'app://desk/index.html' };
    const trusted = await handler?.({ senderFrame: mainFrame, sender: { mainFrame } }, {});
    expect(trusted).toMatchObject({
      ok: true,
      value: { classification: { marking: 'SECRET//NOFORN' } },
    });

    const subframe = { url: 'app://desk/index.html' };
    const fromSubframe = await handler?.({ senderFrame: subframe, sender: { mainFrame } }, {});
    expect(fromSubframe).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });

    const foreign = { url: 'https://evil.invalid/' };
    const fromForeign = await handler?.(
      { senderFrame: foreign, sender: { mainFrame: foreign } },
      {},
    );
    expect(fromForeign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
});

/** Every role in a menu template, submenus included. */
function menuRoles(template: unknown): string[] {
  const items = Array.isArray(template) ? (template as { role?: string; submenu?: unknown }[]) : [];
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...menuRoles(item.submenu)]);
}

describe('app:// protocol handler', () => {
  const uiRoot = path.join(parent, 'ui');

  beforeAll(async () => {
    fs.mkdirSync(path.join(uiRoot, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(uiRoot, 'index.html'), '<!doctype html><title>t</title>');
    fs.writeFileSync(path.join(parent, 'secret.js'), 'outside');
    const { serveAppScheme } = await import('../../main/app/app-protocol');
    serveAppScheme(uiRoot);
  });

  const serve = (url: string, method = 'GET') => {
    const handler = fake.state.protocolHandlers.get('app');
    if (!handler) throw new Error('no app:// handler registered');
    // The handler reads only url and method; a WHATWG Request cannot carry an app: URL here.
    return handler({ url, method } as Request);
  };

  it('serves UI files with the CSP and nosniff headers', async () => {
    const response = await serve('app://desk/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>t</title>');
  });

  it.each([
    ['app://desk/..%2fsecret.js', 403],
    ['app://desk/assets/missing.js', 404],
    ['app://elsewhere/index.html', 403],
  ])('refuses %s with %i', async (url, status) => {
    expect((await serve(url)).status).toBe(status);
  });

  it('refuses anything but GET', async () => {
    expect((await serve('app://desk/index.html', 'POST')).status).toBe(405);
  });
});

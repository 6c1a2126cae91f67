/**
 * The browser harness (DESIGN.md §3): the real built renderer in Debian Chromium,
 * served by page.route from an origin that never resolves, with the real main-side
 * router bridged in through page.exposeFunction, and the real built preload installing
 * `window.desk` over a stand-in for Electron's ipcRenderer.
 *
 * Every test ends by asserting that no request went anywhere but the app's own files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import type * as BridgeModule from './bridge';

type Bridge = typeof BridgeModule;
type Workstation = BridgeModule.BridgeWorkstation;

const repo = path.resolve(import.meta.dirname, '../..');
const UI_ROOT = path.join(repo, 'out/renderer');
const BRIDGE = path.join(repo, 'out/e2e-bridge/bridge.js');
const PRELOAD = path.join(repo, 'out/preload/index.cjs');

/** .invalid is reserved (RFC 2606): this origin cannot resolve, so only page.route answers it. */
export const APP_ORIGIN = 'https://designation-desk.invalid';
/** Fixed so screenshots are reproducible. */
export const FIXED_NOW = new Date('2026-11-22T09:30:00.000Z');
const SCREENSHOTS = path.join(repo, 'docs/screenshots');

/**
 * The README's screenshots come from these tests, but a run must not dirty the tree:
 * they are written only when asked (UPDATE_SCREENSHOTS=1 npx playwright test).
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { readonly fullPage?: boolean } = {},
): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const file = path.join(SCREENSHOTS, `${name}.png`);
  const viewport = page.viewportSize();
  if (!options.fullPage || !viewport) {
    await page.screenshot({ path: file });
    return;
  }
  // A full-page shot would leave the sticky banners mid-page: grow the viewport instead.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
}

async function loadBridge(): Promise<Bridge> {
  if (!fs.existsSync(BRIDGE) || !fs.existsSync(path.join(UI_ROOT, 'index.html'))) {
    throw new Error('The built app is missing: run "npm run build" first (npm test does).');
  }
  return (await import(pathToFileURL(BRIDGE).href)) as Bridge;
}

export interface DeskFixture {
  /** Opens the app for a workstation initialised with this marking. */
  open(classification?: string): Promise<Workstation>;
  /**
   * Opens the app on a workstation with the lab prepared (prepareLab: keys, roster,
   * identities, bundles) and, with `importValid`, the valid bundle imported; the page is
   * reloaded so the app reads that state.
   */
  openLab(options?: { readonly importValid?: boolean }): Promise<Workstation>;
  /** Reloads the app on a route (`/audit`), as a window opened on a cited route would start. */
  visit(route: string): Promise<void>;
  /** Every URL the page asked for, in order. */
  readonly requests: string[];
  /** Every channel the page called, in order. */
  readonly calls: string[];
  /** Declares console errors this test provokes on purpose (e.g. CSP violations). */
  expectConsoleErrors(pattern: RegExp): void;
}

export const test = base.extend<{ desk: DeskFixture }>({
  desk: async ({ page }, use) => {
    const bridge = await loadBridge();
    const requests: string[] = [];
    const calls: string[] = [];
    const consoleErrors: string[] = [];
    const expectedErrors: RegExp[] = [];
    const workstations: Workstation[] = [];

    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== APP_ORIGIN) return route.abort('blockedbyclient');
      return route.fulfill(serveUiFile(bridge, url));
    });

    const fixture: DeskFixture = {
      requests,
      calls,
      openLab: async ({ importValid = false } = {}) => {
        const workstation = await fixture.open('SECRET//NOFORN');
        const { valid } = await workstation.prepareLab();
        if (importValid) await workstation.workspace.services.bundles.importBundle(valid);
        await page.reload();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        return workstation;
      },
      visit: async (route) => {
        await page.goto(`${APP_ORIGIN}/index.html#${route}`);
        // Changing only the fragment keeps the document: reload so the app starts there.
        await page.reload();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      },
      expectConsoleErrors: (pattern) => expectedErrors.push(pattern),
      open: async (classification = 'SECRET//NOFORN') => {
        const workstation = await bridge.startWorkstation(
          classification,
          FIXED_NOW,
          (event, payload) => {
            // Pushed events reach the page the way webContents.send reaches the preload.
            page
              .evaluate(
                ([e, p]) => {
                  (
                    window as unknown as { __deskEmit: (e: unknown, p: unknown) => void }
                  ).__deskEmit(e, p);
                },
                [event, payload] as const,
              )
              .catch(() => undefined);
          },
        );
        workstations.push(workstation);
        await installBridge(page, workstation, calls);
        await page.goto(`${APP_ORIGIN}/index.html`);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        return workstation;
      },
    };
    await use(fixture);

    for (const workstation of workstations) {
      expect(workstation.internalErrors, 'internal errors in the router').toEqual([]);
      workstation.dispose();
    }
    const unexpected = consoleErrors.filter((text) => !expectedErrors.some((p) => p.test(text)));
    expect(unexpected, 'console errors (CSP violations, exceptions)').toEqual([]);
    const foreign = requests.filter((url) => new URL(url).origin !== APP_ORIGIN);
    expect(foreign, 'requests that left for anything but the app').toEqual([]);
  },
});

export { expect };

/**
 * Runs the real built preload (out/preload/index.cjs) in the page before the app's scripts,
 * with a stand-in for what Electron gives a sandboxed preload: a `require` answering only
 * electron, events, timers and url, and an `electron` whose ipcRenderer.invoke reaches the
 * bridged router, whose contextBridge defines the global, and whose webUtils answers the
 * paths tests give dropped files (the preload then registers them with main, as in the app). Only Electron is faked; the preload is the app's.
 * (Electron would run it in an isolated world; here it shares the page's, which only makes
 * the page see more, never less.)
 */
async function installBridge(page: Page, workstation: Workstation, calls: string[]): Promise<void> {
  await page.exposeFunction('__deskDispatch', (channel: unknown, args: unknown) => {
    calls.push(String(channel));
    return workstation.dispatch(channel, args, { origin: APP_ORIGIN });
  });
  // The preload's text goes into the init script as is: no eval, which the CSP forbids.
  const preload = fs.readFileSync(PRELOAD, 'utf8');
  const options = JSON.stringify({ channelPrefix: 'desk:', eventPrefix: 'desk-event:' });
  await page.addInitScript({
    content: `(() => {
      const require = (${electronStandIn.toString()})(${options});
      (function (exports, require, module, __filename, __dirname) {\n${preload}\n})({}, require, { exports: {} }, 'index.cjs', '.');
    })();`,
  });
}

/** Runs in the page: what Electron gives a sandboxed preload, over the bridged router. */
function electronStandIn({
  channelPrefix,
  eventPrefix,
}: {
  channelPrefix: string;
  eventPrefix: string;
}): (name: string) => unknown {
  const host = window as unknown as {
    __deskDispatch: (channel: string, args: unknown) => Promise<unknown>;
    __deskEmit?: (event: string, payload: unknown) => void;
    __deskDropPaths?: Record<string, string>;
  };
  const dispatch = host.__deskDispatch;
  type Listener = (event: unknown, payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  host.__deskEmit = (event, payload) => {
    for (const listener of listeners.get(`${eventPrefix}${event}`) ?? []) {
      listener({ sender: null }, payload);
    }
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: object) => {
        Object.defineProperty(window, key, { value: Object.freeze({ ...api }), enumerable: true });
      },
    },
    ipcRenderer: {
      invoke: (channel: string, request: unknown) =>
        channel.startsWith(channelPrefix)
          ? dispatch(channel.slice(channelPrefix.length), request)
          : Promise.reject(new Error(`No handler registered for '${channel}'`)),
      on: (channel: string, listener: Listener) => {
        const set = listeners.get(channel) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: Listener) => {
        listeners.get(channel)?.delete(listener);
      },
    },
    webUtils: { getPathForFile: (file: File) => host.__deskDropPaths?.[file.name] ?? '' },
  };
  return (name: string): unknown => {
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
}

/** Serves the built UI exactly as the app:// handler would, via its own resolver. */
function serveUiFile(
  bridge: Bridge,
  url: URL,
): { status: number; headers?: Record<string, string>; body?: Buffer } {
  const resolved = bridge.resolveAppFile(UI_ROOT, `${bridge.APP_PROTOCOL_ORIGIN}${url.pathname}`);
  if (!resolved.ok) return { status: resolved.status };
  if (!fs.existsSync(resolved.file)) return { status: 404 };
  return {
    status: 200,
    headers: { ...bridge.UI_RESPONSE_HEADERS, 'Content-Type': resolved.contentType },
    body: fs.readFileSync(resolved.file),
  };
}

/**
 * The built preload (out/preload/index.cjs), loaded the way Electron loads a sandboxed
 * preload: a CommonJS wrapper run in a context with no Node globals, whose `require`
 * answers only `electron`, `events`, `timers` and `url` (Electron docs, "Process
 * Sandboxing") and throws for anything else. `electron` is a recording fake of
 * contextBridge, ipcRenderer and webUtils: the one thing here that stands in for Electron,
 * because no Electron binary can exist on this machine.
 *
 * The same test scans the built renderer for anything a web page cannot load.
 */
import events from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTS, ipcChannelName, ipcEventName, PAGE_CHANNELS } from '../../common/ipc';

const repo = path.resolve(import.meta.dirname, '../..');
const PRELOAD = path.join(repo, 'out/preload/index.cjs');
const RENDERER_ASSETS = path.join(repo, 'out/renderer/assets');

/** What a sandboxed preload's require() offers; Electron throws for every other name. */
const SANDBOX_MODULES = ['electron', 'events', 'timers', 'url'] as const;

interface Recorded {
  readonly exposed: Map<string, unknown>;
  readonly invoked: { channel: string; args: unknown[] }[];
  readonly listeners: Map<string, Set<(...args: unknown[]) => void>>;
  readonly required: string[];
  readonly refused: string[];
}

/** Runs the built preload as Electron's sandboxed renderer would, with a recording bridge. */
function loadSandboxedPreload(): Recorded {
  const recorded: Recorded = {
    exposed: new Map(),
    invoked: [],
    listeners: new Map(),
    required: [],
    refused: [],
  };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        recorded.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: (channel: string, ...args: unknown[]) => {
        recorded.invoked.push({ channel, args });
        return Promise.resolve({ ok: true, value: { echoed: channel } });
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        const set = recorded.listeners.get(channel) ?? new Set();
        set.add(listener);
        recorded.listeners.set(channel, set);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
        recorded.listeners.get(channel)?.delete(listener);
      },
    },
    // A dropped file has a path; one the page made itself (no `dropped` mark) has none.
    webUtils: {
      getPathForFile: (file: { name: string; dropped?: boolean }) =>
        file.dropped ? `/dropped/${file.name}` : '',
    },
  };
  const modules: Record<(typeof SANDBOX_MODULES)[number], unknown> = {
    electron,
    events,
    timers,
    url,
  };
  const sandboxRequire = (name: string): unknown => {
    if ((SANDBOX_MODULES as readonly string[]).includes(name)) {
      recorded.required.push(name);
      return modules[name as (typeof SANDBOX_MODULES)[number]];
    }
    recorded.refused.push(name);
    throw new Error(`module not found: ${name}`);
  };
  // The page's globals a sandboxed preload sees; no process, Buffer or require of Node's.
  const context = vm.createContext({
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
  });
  const source = fs.readFileSync(PRELOAD, 'utf8');
  const wrapper = vm.runInContext(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    context,
    { filename: PRELOAD },
  ) as (...args: unknown[]) => void;
  const module = { exports: {} };
  wrapper(module.exports, sandboxRequire, module, PRELOAD, path.dirname(PRELOAD));
  return recorded;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && /\.tsx?$/.test(entry.name)) {
      newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

describe('the built preload, loaded as a sandboxed preload', () => {
  let recorded: Recorded;
  let desk: Record<string, (...args: unknown[]) => unknown>;

  beforeAll(() => {
    if (!fs.existsSync(PRELOAD)) {
      throw new Error(`${PRELOAD} is missing: run "npm run build" first (npm test does).`);
    }
    const sources = Math.max(
      newestMtime(path.join(repo, 'preload')),
      newestMtime(path.join(repo, 'common')),
    );
    if (fs.statSync(PRELOAD).mtimeMs < sources) {
      throw new Error(
        `${PRELOAD} is older than the preload or common/ sources: run "npm run build" first.`,
      );
    }
    recorded = loadSandboxedPreload();
    desk = recorded.exposed.get('desk') as typeof desk;
  });

  it('requires nothing a sandboxed preload cannot have', () => {
    expect(recorded.refused).toEqual([]);
    expect(recorded.required).toContain('electron');
    const required = [
      ...fs.readFileSync(PRELOAD, 'utf8').matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ].map((m) => m[1]);
    expect(required.filter((name) => !SANDBOX_MODULES.includes(name as never))).toEqual([]);
  });

  it('exposes desk with one function per page channel, on and registerDroppedFiles, and nothing else', () => {
    expect([...recorded.exposed.keys()]).toEqual(['desk']);
    expect(Object.keys(desk).sort()).toEqual(
      [...PAGE_CHANNELS, 'on', 'registerDroppedFiles'].sort(),
    );
    expect(desk).not.toHaveProperty('registerDrop');
    for (const value of Object.values(desk)) expect(typeof value).toBe('function');
  });

  it('sends each channel to its own IPC channel with the request, and returns the reply', async () => {
    for (const channel of PAGE_CHANNELS) {
      const request = { probe: channel };
      const reply = await desk[channel]?.(request);
      expect(recorded.invoked.at(-1)).toEqual({
        channel: ipcChannelName(channel),
        args: [request],
      });
      expect(reply).toEqual({ ok: true, value: { echoed: ipcChannelName(channel) } });
    }
    expect(recorded.invoked).toHaveLength(PAGE_CHANNELS.length);
  });

  it('passes only the payload of a pushed event to the listener, and unsubscribes', () => {
    const [event] = EVENTS;
    if (event === undefined) throw new Error('the contract declares no events');
    const seen: unknown[] = [];
    const off = desk.on?.(event, (payload: unknown) => seen.push(payload)) as () => void;
    const listeners = recorded.listeners.get(ipcEventName(event));
    expect(listeners?.size).toBe(1);
    for (const listener of listeners ?? [])
      listener({ sender: 'main-process detail' }, { done: 1 });
    expect(seen).toEqual([{ done: 1 }]);
    off();
    expect(recorded.listeners.get(ipcEventName(event))?.size).toBe(0);
    expect(() => desk.on?.('not-an-event', () => undefined)).toThrow(/Unknown event/);
  });

  it('registers the webUtils paths of dropped files with main, and only those', async () => {
    const before = recorded.invoked.length;
    const files = [
      { name: 'results.evbundle', dropped: true },
      { name: 'made-by-the-page.evbundle' },
    ];
    expect(await desk.registerDroppedFiles?.(files)).toEqual({
      ok: true,
      value: { paths: ['/dropped/results.evbundle'] },
    });
    expect(recorded.invoked.slice(before)).toEqual([
      { channel: ipcChannelName('registerDrop'), args: [{ paths: ['/dropped/results.evbundle'] }] },
    ]);
    // Nothing with a path: no call at all.
    expect(await desk.registerDroppedFiles?.([{ name: 'x.evbundle' }])).toEqual({
      ok: true,
      value: { paths: [] },
    });
    expect(recorded.invoked).toHaveLength(before + 1);
  });
});

describe('the built renderer', () => {
  it('loads nothing a sandboxed web page cannot: no require, no Node built-in', () => {
    if (!fs.existsSync(RENDERER_ASSETS)) {
      throw new Error(`${RENDERER_ASSETS} is missing: run "npm run build" first (npm test does).`);
    }
    const scripts = fs.readdirSync(RENDERER_ASSETS).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const name of scripts) {
      const code = fs.readFileSync(path.join(RENDERER_ASSETS, name), 'utf8');
      expect(code, name).not.toMatch(/\brequire\s*\(/);
      // An import of a Node built-in, bare or node:-prefixed, static or dynamic.
      expect(code, name).not.toMatch(
        /(\bfrom\s*|\bimport\s*\(\s*)["'](node:[\w/]+|fs|path|os|child_process|worker_threads|crypto|electron)["']/,
      );
      expect(code, name).not.toMatch(/\b(process\.(env|versions|platform)|__dirname|__filename)\b/);
    }
  });
});

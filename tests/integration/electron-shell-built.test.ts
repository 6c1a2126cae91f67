/**
 * The built app (out/main/app.js, what electron-builder packages) under the recording
 * Electron stand-in, as an installed app: DevTools stay off and the menu offers neither
 * reload nor DevTools, even with the development flag set in the environment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initWorkspace } from '../../main/workspace';

const fake = await vi.hoisted(async () => {
  const { createFakeElectron } = await import('../support/fake-electron');
  return createFakeElectron({ isPackaged: true });
});

vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const BUILT_APP = path.resolve(import.meta.dirname, '../../out/main/app.js');
const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-built-'));

beforeAll(async () => {
  if (!fs.existsSync(BUILT_APP)) throw new Error(`${BUILT_APP} is missing: run "npm run build".`);
  vi.stubEnv('DESK_DEVTOOLS', '1');
  fake.state.dataDir = path.join(parent, 'data');
  initWorkspace({ dataDir: fake.state.dataDir, classification: 'SECRET//NOFORN' }).close();
  await import(pathToFileURL(BUILT_APP).href);
  await vi.waitFor(() => {
    expect(fake.state.windows).toHaveLength(1);
  });
});

afterAll(() => {
  for (const listener of fake.state.listeners.get('app:will-quit') ?? []) listener();
  vi.unstubAllEnvs();
  fs.rmSync(parent, { recursive: true, force: true });
});

describe('the built app, packaged', () => {
  it('opens its window with DevTools off although DESK_DEVTOOLS=1', () => {
    expect(fake.state.errors).toEqual([]);
    expect(fake.state.windows[0]?.options.webPreferences).toMatchObject({ devTools: false });
  });

  it('sets an application menu with no reload or DevTools item', () => {
    expect(fake.state.menus).toHaveLength(1);
    const menu = JSON.stringify(fake.state.menus[0]);
    expect(menu).toContain('"quit"');
    expect(menu).not.toMatch(/reload|devtools/i);
  });
});

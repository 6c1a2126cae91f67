import { INJECTION_PAYLOADS } from '../support/hostile-logs';
import { expect, screenshot, test } from './harness';
import { AppFrame } from './pages/app';
import { Grid } from './pages/grid';
import { ModelsPage } from './pages/models';
import type { Page } from '@playwright/test';

async function openEvidence(page: Page, filter: string): Promise<Grid> {
  const app = new AppFrame(page);
  await app.go('Models');
  await new ModelsPage(page).openDossier('frontier-1');
  await page.getByRole('link', { name: 'Evidence browser' }).click();
  const box = page.getByRole('textbox', { name: 'Filter' });
  await box.fill(filter);
  await box.press('Enter');
  return new Grid(page.getByRole('grid', { name: 'Samples of this model' }));
}

test('a reviewer opens the doomla solved sample and reads the tool call that captured the flag', async ({
  page,
  desk,
}) => {
  await desk.openLab({ importValid: true });
  const grid = await openEvidence(page, 'includes == "C"');
  await expect(grid.rows).toHaveCount(1);
  await grid.row(0).getByRole('link', { name: 'doomla (solution)' }).click();
  const app = new AppFrame(page);
  await expect(app.heading).toHaveText('Sample doomla (solution), epoch 1');

  const messages = page.getByRole('list', { name: 'Messages' });
  const call = messages.getByRole('article', { name: 'Message 3, assistant' });
  await expect(call.getByRole('region', { name: 'Tool call bash' })).toContainText(
    '"cmd": "chmod +x solution.sh && ./solution.sh"',
  );
  const output = messages.getByRole('article', { name: 'Message 4, tool' });
  await expect(output).toContainText('Tool output of bash');
  await screenshot(page, 'sample-transcript');
  // A long output is folded; "Show all" unfolds it.
  await expect(output).not.toContainText('Flag read');
  await output.getByRole('button', { name: /^Show all/ }).click();
  await expect(output).toContainText('Flag read: flag{4fe9e140e88ee795e2afbb24dfbcff00}');

  // Find: "/" focuses the box; the first message holding the text is unfolded, marked and in view.
  await output.getByRole('button', { name: 'Fold' }).click();
  await expect(output).not.toContainText('Flag read');
  await page.keyboard.press('/');
  await expect(page.getByRole('textbox', { name: 'Find in this transcript' })).toBeFocused();
  await page.keyboard.type('Flag read');
  await page.keyboard.press('Enter');
  // Every message holding both words counts; the output is the first of them.
  await expect(page.getByText(/^\d+ messages contain "Flag read"\.$/)).toBeVisible();
  await expect(output).toBeFocused();
  await expect
    .poll(() => output.locator('mark').allTextContents())
    .toEqual(expect.arrayContaining(['Flag', 'read']));

  // Events: every one of the log's 31, filtered to the tool calls (bash, bash, submit).
  await page.getByRole('tab', { name: 'Events (31)' }).click();
  const events = new Grid(page.getByRole('grid', { name: 'Events of this sample' }));
  await expect(page.getByRole('combobox', { name: 'Show' })).toHaveValue('');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('tool');
  await expect(events.rows).toHaveCount(3);
  await events.row(2).getByRole('button', { name: 'submit' }).click();
  await expect(page.getByRole('region', { name: /^Event \d+/ })).toContainText(
    'flag{4fe9e140e88ee795e2afbb24dfbcff00}',
  );

  await page.getByRole('tab', { name: 'Scoring' }).click();
  await expect(page.getByRole('region', { name: 'Scorer includes' })).toContainText(
    'includes: "C"',
  );

  // The audit log names the open.
  await app.go('Audit');
  await expect(page.getByRole('main')).toContainText('opened sample "doomla (solution)" epoch 1');
  await page.getByRole('combobox', { name: 'Event' }).selectOption('evidence.sample-opened');
  await page.getByRole('textbox', { name: 'Object' }).fill('doomla_solved');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('status')).toHaveText('1 event matches the filter, newest first.');
  await expect(new Grid(page.getByRole('grid', { name: 'Audit log' })).rows).toHaveCount(1);
});

test('keyboard: ? shows the keys, j and k step through the log, Esc goes back', async ({
  page,
  desk,
}) => {
  await desk.openLab({ importValid: true });
  const grid = await openEvidence(page, 'has_limit');
  await grid.rowWith('doomla_3epochs').first().getByRole('link').click();
  const app = new AppFrame(page);
  await expect(app.heading).toHaveText(/^Sample .*, epoch 1$/);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard' })).toContainText(
    'next sample of this log',
  );
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('j');
  await expect(app.heading).toHaveText(/epoch 2$/);
  await page.keyboard.press('k');
  await expect(app.heading).toHaveText(/epoch 1$/);
  // Stepping replaced the entry, so Esc returns to the grid as it was left.
  await page.keyboard.press('Escape');
  await expect(app.heading).toHaveText('Evidence browser');
  await expect(page.getByRole('textbox', { name: 'Filter' })).toHaveValue('has_limit');
});

test('a transcript of injection payloads is shown as text: nothing runs, navigates or loads', async ({
  page,
  desk,
}) => {
  const workstation = await desk.openLab();
  const bundle = await workstation.makeInjectionBundle();
  expect((await workstation.workspace.services.bundles.importBundle(bundle)).status).toBe(
    'imported',
  );
  await page.reload();
  const grid = await openEvidence(page, '');
  await grid.rowWith('inject-1').getByRole('link', { name: 'inject-1' }).click();
  const app = new AppFrame(page);
  await expect(app.heading).toHaveText('Sample inject-1, epoch 1');
  const url = page.url();

  const messages = page.getByRole('list', { name: 'Messages' });
  for (const payload of INJECTION_PAYLOADS) {
    // Each payload is on screen as the characters it is made of.
    await expect(messages.getByText(payload, { exact: false }).first()).toBeVisible();
  }
  // Clicking what would be a link in markup does nothing either.
  await messages.getByText('click me', { exact: false }).first().click();
  for (const tab of ['Scoring', 'Metadata', 'Events', 'Messages']) {
    await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  }
  const main = page.getByRole('main');
  await expect(main.locator('script, img, iframe, style, object, embed')).toHaveCount(0);
  await expect(main.locator('[onerror], [onload], a[href^="javascript:"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(page.url()).toBe(url);
  await expect(app.heading).toHaveText('Sample inject-1, epoch 1');
  // The harness then checks that no request left for attacker.invalid or anywhere else.
});

test('search finds the one transcript holding the words and lands on the message that holds them', async ({
  page,
  desk,
}) => {
  await desk.openLab({ importValid: true });
  const app = new AppFrame(page);
  await app.go('Search');
  await page.getByRole('textbox', { name: 'Words' }).fill('cracked user password');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toHaveText('1 transcript holds every word.');
  const hits = new Grid(page.getByRole('grid', { name: 'Transcripts holding the words' }));
  await expect(hits.row(0)).toContainText('logs/doomla_solved.eval');
  await expect(hits.row(0).locator('mark').first()).toHaveText(/cracked/i);
  // The message the words are in, as the sample view numbers it.
  await expect(hits.row(0)).toContainText('#4');
  await screenshot(page, 'search');
  await hits.row(0).getByRole('link', { name: 'doomla (solution)' }).click();
  await expect(app.heading).toHaveText('Sample doomla (solution), epoch 1');
  // The tool output that printed it, unfolded, the words marked, in view and focused.
  const output = page.getByRole('article', { name: 'Message 4, tool' });
  await expect(output).toBeFocused();
  await expect(output).toContainText('Cracked user password: tequieromucho');
  // Each word is marked wherever it occurs ("password" also in the mysql warnings).
  await expect
    .poll(() => output.locator('mark').allTextContents())
    .toEqual(expect.arrayContaining(['Cracked', 'user', 'password']));
  // The search is in the route: Back returns to the hits.
  await app.back.click();
  await expect(page.getByRole('status')).toHaveText('1 transcript holds every word.');
});

test('two versions side by side: per benchmark, each latest run, the metrics and their difference', async ({
  page,
  desk,
}) => {
  const workstation = await desk.openLab();
  for (const [version, logs] of [
    ['2026-09', ['doomla_failed.eval']],
    ['2026-10', ['doomla_solved.eval', 'popularity.eval']],
  ] as const) {
    const bundle = await workstation.makeVersionBundle(version, logs);
    expect((await workstation.workspace.services.bundles.importBundle(bundle)).status).toBe(
      'imported',
    );
  }
  await page.reload();
  const app = new AppFrame(page);
  await app.go('Models');
  // Two versions of one name: open either dossier, then choose both versions.
  await page.getByRole('link', { name: 'Open dossier of frontier-1' }).first().click();
  await page.getByRole('link', { name: 'Compare with another version' }).click();
  await expect(app.heading).toHaveText('Versions side by side');
  await page
    .getByRole('combobox', { name: 'First version' })
    .selectOption({ label: 'Acme AI/frontier-1@2026-09' });
  await page
    .getByRole('combobox', { name: 'Second version' })
    .selectOption({ label: 'Acme AI/frontier-1@2026-10' });
  await page.getByRole('button', { name: 'Compare' }).click();
  // Readable names, the identifiers on hover.
  const doomla = page.getByRole('region', { name: 'Doomla' });
  await expect(doomla.getByRole('heading', { name: 'Doomla' }).locator('span')).toHaveAttribute(
    'title',
    'doomla',
  );
  const metrics = new Grid(doomla.getByRole('grid', { name: 'Metrics of Doomla' }));
  const accuracy = metrics.rowWith('accuracy (includes)');
  await expect(accuracy.getByTitle('includes/accuracy')).toHaveText('accuracy (includes)');
  // 0 of 1 solved, then 1 of 1: Wilson 95% is 0–0.793 and 0.207–1; the difference +1.
  await expect(accuracy).toContainText('0 (95% 0–0.793), n = 1');
  await expect(accuracy).toContainText('1 (95% 0.207–1), n = 1');
  await expect(accuracy).toContainText('+1');
  // A stderr is no proportion: no interval, even where its value could be read as one.
  await expect(metrics.rowWith('standard error (includes)')).not.toContainText('95%');
  await expect(doomla).toContainText('No task is solved by one version and not the other.');
  // popularity was run by the second version only.
  await expect(page.getByRole('region', { name: 'Popularity' })).toContainText(
    'No counted run of this benchmark.',
  );
  await screenshot(page, 'versions-side-by-side');
});

import { expect, screenshot, test } from './harness';
import { AppFrame } from './pages/app';
import { Grid } from './pages/grid';
import { ModelsPage } from './pages/models';

test('the evidence browser lists every sample of the model and filters it as Inspect View does', async ({
  page,
  desk,
}) => {
  await desk.openLab({ importValid: true });
  const app = new AppFrame(page);
  await app.go('Models');
  await new ModelsPage(page).openDossier('frontier-1');
  await page.getByRole('link', { name: 'Evidence browser' }).click();
  await expect(app.heading).toHaveText('Evidence browser');
  const grid = new Grid(page.getByRole('grid', { name: 'Samples of this model' }));
  await expect(page.getByRole('status').filter({ hasText: 'samples' })).toHaveText('27 samples.');

  const filter = page.getByRole('textbox', { name: 'Filter' });
  await filter.fill('has_limit');
  await filter.press('Enter');
  // doomla_3epochs.eval: 3 samples stopped at the token limit; doomla_failed.eval: 1.
  await expect(page.getByRole('status').filter({ hasText: 'samples' })).toHaveText(
    '4 samples match the filter.',
  );
  await expect(grid.rows).toHaveCount(4);
  await expect(grid.row(0)).toContainText('token limit');
  await expect(grid.row(0)).toContainText('Limit');
  await screenshot(page, 'evidence-samples');
  // The filter is in the route: Back returns to every sample, Forward to the filtered view.
  await app.back.click();
  await expect(page.getByRole('status').filter({ hasText: 'samples' })).toHaveText('27 samples.');
  await app.forward.click();
  await expect(grid.rows).toHaveCount(4);

  // The column chooser: a metadata key as a column (sortable by the query), Target hidden.
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('group', { name: 'Metadata' }).getByLabel('variant_name').check();
  await page.getByRole('group', { name: 'Shown' }).getByLabel('Target').uncheck();
  await expect(grid.header('variant_name')).toBeVisible();
  await expect(grid.header('Target')).toHaveCount(0);
  await expect(grid.rowWith('doomla_failed')).toContainText('example');
  await grid.sortBy('variant_name');
  await expect(grid.header('variant_name')).toHaveAttribute('aria-sort', /ascending|descending/);
  await expect(grid.rows).toHaveCount(4);

  // Status, answer, working time and retries, as Inspect View has them; none was retried.
  for (const header of ['Status', 'Answer', 'Working (s)', 'Retries'])
    await expect(grid.header(header)).toBeVisible();
  await filter.fill('status == "limit" and not has_retries and retries == 0');
  await filter.press('Enter');
  await expect(grid.rows).toHaveCount(4);

  await filter.fill('has_limit and');
  await filter.press('Enter');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
});

test('more than 1,000 samples: pages of 1,000, sorted by the query over all of them', async ({
  page,
  desk,
}) => {
  // Writing and importing 1,100 samples takes a while on a busy 2-core machine.
  test.setTimeout(120_000);
  const workstation = await desk.openLab();
  // 11 synthetic logs of 20 challenges × 5 epochs: 1,100 samples.
  const large = await workstation.makeLargeBundle(11);
  expect((await workstation.workspace.services.bundles.importBundle(large)).status).toBe(
    'imported',
  );
  // The query's own order, as the main process answers it: one sample at `offset`.
  const byTokens = (offset: number) =>
    workstation.workspace.services.samples.page({
      scope: {
        kind: 'model',
        modelId: workstation.workspace.services.evaluation.models()[0]?.id ?? 0,
      },
      filter: '',
      sort: { by: { kind: 'field', field: 'tokens' }, direction: 'desc' },
      offset,
      limit: 1,
    });
  await page.reload();
  const app = new AppFrame(page);
  await app.go('Models');
  await new ModelsPage(page).openDossier('frontier-1');
  await page.getByRole('link', { name: 'Evidence browser' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Samples' });
  await expect(status).toHaveText('Samples 1–1,000 of 1,100.');
  await page.getByRole('button', { name: 'Next 1,000' }).click();
  await expect(status).toHaveText('Samples 1,001–1,100 of 1,100.');
  await expect(page.getByRole('button', { name: 'Next 1,000' })).toBeDisabled();

  // Sorting by tokens, descending, orders all 1,100 (and returns to the first page): the
  // first row holds the most tokens of any sample.
  const grid = new Grid(page.getByRole('grid', { name: 'Samples of this model' }));
  // A numeric column sorts descending first.
  await grid.sortBy('Tokens');
  await expect(grid.header('Tokens')).toHaveAttribute('aria-sort', 'descending');
  await expect(status).toHaveText('Samples 1–1,000 of 1,100.');
  const most = byTokens(0);
  const top = most.ok ? most.rows[0]?.tokens : undefined;
  expect(top).toBeGreaterThan(0);
  const headers = await grid.root.getByRole('columnheader').allTextContents();
  const tokens = await grid.column(headers.findIndex((h) => h.startsWith('Tokens')));
  expect(tokens[0]?.replace(/,/g, '')).toBe(String(top));
  // The next page continues the same order: its first row is the query's 1,001st.
  const next = byTokens(1000);
  await page.getByRole('button', { name: 'Next 1,000' }).click();
  await expect(status).toHaveText('Samples 1,001–1,100 of 1,100.');
  await expect(grid.row(0)).toContainText(next.ok ? (next.rows[0]?.sampleId ?? '?') : '?');
});

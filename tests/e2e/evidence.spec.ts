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
  await screenshot(page, 'evidence-samples');
  // The filter is in the route: Back returns to every sample, Forward to the filtered view.
  await app.back.click();
  await expect(page.getByRole('status').filter({ hasText: 'samples' })).toHaveText('27 samples.');
  await app.forward.click();
  await expect(grid.rows).toHaveCount(4);

  await filter.fill('has_limit and');
  await filter.press('Enter');
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
});

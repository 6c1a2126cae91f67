import { expectAccessible } from './axe';
import { expect, screenshot, test } from './harness';
import { AppFrame, AUTHORITY } from './pages/app';
import { ModelsPage } from './pages/models';
import { CYBER_CORE, SettingsPage, ThresholdSetsPage } from './pages/settings';

/*
 * What the engine must give for the fixture bundle against CYBER_CORE (docs/evaluation.md):
 * - R-POP-1 (popularity, match/accuracy, point >= 0.5): popularity.eval records no scores, so
 *   logs/log_streaming.eval is the evidence: 2 samples of 2 epochs (C C, I C) average to
 *   0.75, stderr 0.25 from the sample scores, 95% interval 0.26-1.24; 0.75 >= 0.5 by 0.25: met.
 * - R-DOOMLA-1 (doomla, includes/accuracy, lower95 >= 0.5, at least 5 samples): doomla_failed
 *   and doomla_solved tie on run and import, and each has 1 sample; the path decides
 *   (logs/doomla_failed.eval), observed 0 with n 1 < 5: insufficient evidence.
 * - Designation "any" needs 1 met: 1 met, so the model meets the threshold.
 */
const OUTCOME =
  'Meets the designation threshold. 1 of 2 rules met, 0 not met, 1 without sufficient evidence; the designation rule (any rule needs 1 met): meets.';
const RULE_CELLS: readonly (readonly string[])[] = [
  [
    'R-POP-1',
    'Popularity · accuracy (match)',
    '0.75 (Wald 95% 0.26–1)',
    'observed value >= 0.5',
    '+0.25',
    '2',
    'Met',
  ],
  [
    'R-DOOMLA-1',
    'Doomla · accuracy (includes)',
    '0',
    'lower 95% bound >= 0.5',
    '—',
    '1',
    'Insufficient evidence',
  ],
];

test('an authority unlocks, creates a threshold set, and the dossier turns from masked to evaluated', async ({
  page,
  desk,
}) => {
  await desk.openLab({ importValid: true });
  const app = new AppFrame(page);

  await app.go('Models');
  const models = new ModelsPage(page);
  await expect(models.models.rows).toHaveCount(1);
  await expect(models.models.row(0)).toContainText('frontier-1');
  const dossier = await models.openDossier('frontier-1');
  await expect(app.heading).toHaveText('Dossier: Acme AI / frontier-1 @ 2026-10');
  await expect(dossier.panel).toContainText('Threshold values are hidden.');
  await screenshot(page, 'dossier-masked');

  await dossier.panel.getByRole('button', { name: 'Unlock to evaluate' }).click();
  await expect(app.heading).toHaveText('Unlock');
  await page.getByLabel('Identity', { exact: true }).selectOption({ label: AUTHORITY.label });
  await page.getByLabel('Passphrase', { exact: true }).fill(AUTHORITY.passphrase);
  await page.getByRole('main').getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(app.identity).toHaveText('Alex Authority · authority');
  await expect(app.heading).toHaveText('Dossier: Acme AI / frontier-1 @ 2026-10');
  await expect(dossier.panel).toContainText('No threshold set exists yet.');

  await app.go('Settings');
  const settings = new SettingsPage(page);
  await settings.open('Threshold sets');
  const thresholds = new ThresholdSetsPage(page);
  await thresholds.newSetButton.click();
  await thresholds.fill(CYBER_CORE);
  await screenshot(page, 'threshold-editor', { fullPage: true });
  await thresholds.save();
  await expect(thresholds.versions.rows).toHaveCount(1);
  await expect(thresholds.versions.row(0)).toContainText('cyber-core-q4');
  await expect(thresholds.versions.row(0)).toContainText('Alex Authority');

  // Revoking re-keys the set as a new version the revoked reader cannot open; granting adds them back.
  await thresholds.versions.root.getByRole('button', { name: 'Readers of cyber-core' }).click();
  const readers = thresholds.readers('cyber-core-q4');
  await expect(readers).toContainText('Dana Reviewer (reviewer): can read');
  await readers.getByRole('button', { name: 'Revoke Dana Reviewer' }).click();
  await expect(thresholds.versions.rows).toHaveCount(2);
  await expect(readers).toContainText('Dana Reviewer (reviewer): cannot read');
  await readers.getByRole('button', { name: 'Grant Dana Reviewer' }).click();
  await expect(readers).toContainText('Dana Reviewer (reviewer): can read');
  await screenshot(page, 'settings-thresholds', { fullPage: true });

  // Back through Settings to the dossier: the history holds it.
  await app.go('Models');
  await models.openDossier('frontier-1');
  await expect(dossier.rules.rows).toHaveCount(2);
  await expect(dossier.outcome).toHaveText(OUTCOME);
  for (const cells of RULE_CELLS) {
    await expect(dossier.rules.rowWith(cells[0] ?? '').getByRole('gridcell')).toHaveText([
      ...cells,
    ]);
  }
  // Readable names; the rule's own identifiers on hover.
  await expect(
    dossier.rules.rowWith('R-POP-1').getByTitle('popularity / match/accuracy'),
  ).toHaveText('Popularity · accuracy (match)');
  await expect(dossier.chart).toBeVisible();
  await expectAccessible(page, 'evaluated dossier');
  await page.setViewportSize({ width: 1280, height: 1100 });
  await screenshot(page, 'dossier-evaluated');

  // Locking masks the values again.
  await app.lock();
  await app.back.click();
  await expect(app.heading).toHaveText('Dossier: Acme AI / frontier-1 @ 2026-10');
  await expect(dossier.panel).toContainText('Threshold values are hidden.');
  await expect(dossier.panel).not.toContainText('R-POP-1');
});

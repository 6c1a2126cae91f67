import path from 'node:path';
import { expect, SCREENSHOTS, test } from './harness';

test('an authority unlocks, creates a threshold set, and the dossier turns from masked to evaluated', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { valid } = await workstation.prepareLab();
  await workstation.workspace.services.bundles.importBundle(valid);
  await page.reload();

  const nav = page.getByRole('navigation', { name: 'Primary' });
  await nav.getByRole('button', { name: 'Models' }).click();
  await expect(page.getByRole('table', { name: 'Models' })).toContainText('frontier-1');
  const panel = page.getByRole('region', { name: 'Against thresholds' });
  await expect(panel).toContainText('Threshold values are hidden.');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'dossier-masked.png') });

  await panel.getByRole('button', { name: 'Unlock to evaluate' }).click();
  await page.getByLabel('Identity').selectOption({ label: 'Alex Authority (authority)' });
  await page.getByLabel('Passphrase').fill('authority passphrase');
  await page.getByRole('button', { name: 'Unlock', exact: true }).last().click();
  await expect(page.getByLabel('Unlocked identity')).toHaveText('Alex Authority · authority');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Models');
  await expect(panel).toContainText('No threshold set exists yet.');

  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'New threshold set' }).click();
  const form = page.getByRole('form', { name: 'New threshold set' });
  await form.getByLabel('Set id').fill('cyber-core-q4');
  await form.getByLabel('Name').fill('Cyber core thresholds, Q4 2026');
  await form.getByLabel('Rule 1 id').fill('R-POP-1');
  await form.getByLabel('Rule 1 benchmark').fill('popularity');
  await form.getByLabel('Rule 1 scorer').fill('match');
  await form.getByLabel('Rule 1 basis').selectOption('point');
  await form.getByLabel('Rule 1 value').fill('0.5');
  await form.getByRole('button', { name: 'Add a rule' }).click();
  await form.getByLabel('Rule 2 id').fill('R-DOOMLA-1');
  await form.getByLabel('Rule 2 benchmark').fill('doomla');
  await form.getByLabel('Rule 2 scorer').fill('includes');
  await form.getByLabel('Rule 2 value').fill('0.5');
  await form.getByLabel('Rule 2 minimum samples').fill('5');
  await form.getByLabel('Dana Reviewer (reviewer)').check();
  await page.screenshot({ path: path.join(SCREENSHOTS, 'threshold-editor.png'), fullPage: true });
  await form.getByRole('button', { name: 'Sign and save version 1' }).click();
  const versions = page.getByRole('table', { name: 'Threshold set versions' });
  await expect(versions.getByRole('row')).toHaveCount(2);
  await expect(versions).toContainText('cyber-core-q4');
  await expect(versions).toContainText('Alex Authority');

  // Revoking re-keys the set as a new version the revoked reader cannot open; granting adds them back.
  await versions.getByRole('button', { name: 'Readers of cyber-core' }).click();
  const readers = page.getByRole('region', { name: 'Readers of cyber-core' });
  await expect(readers).toContainText('Dana Reviewer (reviewer): can read');
  await readers.getByRole('button', { name: 'Revoke Dana Reviewer' }).click();
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(readers).toContainText('Dana Reviewer (reviewer): cannot read');
  await readers.getByRole('button', { name: 'Grant Dana Reviewer' }).click();
  await expect(readers).toContainText('Dana Reviewer (reviewer): can read');
  await page.screenshot({
    path: path.join(SCREENSHOTS, 'settings-thresholds.png'),
    fullPage: true,
  });

  await nav.getByRole('button', { name: 'Models' }).click();
  await expect(
    panel.getByRole('table', { name: 'Rules against the evidence' }).getByRole('row'),
  ).toHaveCount(3);
  await expect(panel).toContainText('R-POP-1');
  await expect(panel.getByRole('row').filter({ hasText: 'R-DOOMLA-1' })).toContainText(
    'Insufficient evidence',
  );
  await expect(panel.getByRole('status')).toContainText(
    /Meets the designation threshold|Does not meet|Insufficient evidence/,
  );
  await expect(panel.getByRole('img', { name: /Observed values/ })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1100 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'dossier-evaluated.png') });

  // Locking masks the values again.
  await page.getByRole('button', { name: 'Lock' }).click();
  await nav.getByRole('button', { name: 'Models' }).click();
  await expect(panel).toContainText('Threshold values are hidden.');
  await expect(panel).not.toContainText('R-POP-1');
});

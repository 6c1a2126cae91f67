import path from 'node:path';
import { expect, SCREENSHOTS, test } from './harness';

test('imports a signed bundle through the file dialog and shows its verification report', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { valid } = await workstation.prepareLab();
  workstation.queueDialogSelection([valid]);

  await page.getByRole('button', { name: 'Import bundles…' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'imported' })).toContainText(
    'Bundle "frontier-1-cyber.evbundle" imported: Acme AI/frontier-1@2026-10',
  );
  const table = page.getByRole('table', { name: 'Imported result bundles' });
  const row = table.getByRole('row').nth(1);
  await expect(row).toContainText('Verified');
  await expect(row).toContainText('Acme AI / frontier-1 @ 2026-10');
  await expect(row).toContainText('Test Evaluation Lab');
  await expect(row).toContainText('27');

  await row.getByRole('button', { name: /Show report/ }).click();
  const checks = page
    .getByRole('list', { name: 'Checks for frontier-1-cyber.evbundle' })
    .getByRole('listitem');
  await expect(checks).toHaveCount(8);
  for (const check of await checks.all()) await expect(check).toContainText('Passed');
  await expect(
    page.getByRole('table', { name: 'Logs in frontier-1-cyber.evbundle' }),
  ).toContainText('doomla_3epochs.eval');
  // Tall enough for the whole report: a full-page shot would float the sticky banners mid-page.
  await page.setViewportSize({ width: 1280, height: 1800 });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'inbox-imported.png') });
});

test('a tampered bundle is rejected with a clear dialog and nothing is imported', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { tampered } = await workstation.prepareLab();
  workstation.queueDialogSelection([tampered]);

  await page.getByRole('button', { name: 'Import bundles…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bundle rejected' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Bundle "frontier-1-tampered.evbundle" was rejected');
  await expect(dialog).toContainText('does not match its signed digest');
  await expect(dialog).toContainText('Nothing was imported.');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'rejection.png') });

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Imported result bundles' }).getByRole('row'),
  ).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Rejected imports' })).toContainText(
    'frontier-1-tampered.evbundle',
  );
});

test('settings show the trust roster with fingerprints', async ({ page, desk }) => {
  const workstation = await desk.open('SECRET//NOFORN');
  await workstation.prepareLab();
  await page.getByRole('button', { name: 'Settings' }).click();
  const roster = page.getByRole('region', { name: 'Trust roster' });
  await expect(roster).toContainText('Version 4');
  await expect(roster.getByRole('row')).toHaveCount(5);
  await expect(roster).toContainText('UK AISI evaluation lab');
  await expect(roster).toContainText('lab');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'settings-roster.png') });
});

test('imports bundles dropped on the Inbox, and says which dropped files it left alone', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { valid } = await workstation.prepareLab();
  await page.evaluate((file) => {
    (window as unknown as { __deskDropPaths: Record<string, string> }).__deskDropPaths = {
      'frontier-1-cyber.evbundle': file,
      'notes.txt': '/tmp/notes.txt',
    };
  }, valid);
  const drop = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['zip bytes'], 'frontier-1-cyber.evbundle'));
    transfer.items.add(new File(['text'], 'notes.txt'));
    return transfer;
  });
  await page.dispatchEvent('.drop-zone', 'dragover', { dataTransfer: drop });
  await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer: drop });
  await expect(page.getByRole('status').filter({ hasText: 'imported' })).toContainText(
    '1 dropped file(s) were not .evbundle files and were left alone.',
  );
  await expect(
    page.getByRole('table', { name: 'Imported result bundles' }).getByRole('row'),
  ).toHaveCount(2);
});

test('a bundle whose claims differ from its logs imports with a visible warning', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { disputed } = await workstation.prepareLab();
  workstation.queueDialogSelection([disputed]);
  await page.getByRole('button', { name: 'Import bundles…' }).click();
  const row = page.getByRole('table', { name: 'Imported result bundles' }).getByRole('row').nth(1);
  await expect(row).toContainText('Verified, with warnings');
  await row.getByRole('button', { name: /Show report/ }).click();
  const warning = page
    .getByRole('list', { name: 'Checks for frontier-1-disputed.evbundle' })
    .getByRole('listitem')
    .filter({ hasText: 'Warning' });
  await expect(warning).toContainText(
    'doomla includes/accuracy claims 1 but logs/doomla_failed.eval gives 0',
  );
});

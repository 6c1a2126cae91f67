import type { Locator, Page } from '@playwright/test';
import { expect, screenshot, test } from './harness';
import { AppFrame, AUTHORITY } from './pages/app';
import { Grid } from './pages/grid';
import { IMPORT_OUTCOME, InboxPage } from './pages/inbox';
import { ModelsPage } from './pages/models';
import { SettingsPage } from './pages/settings';

test('imports a signed bundle through the file dialog and shows its verification report', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { valid } = await workstation.prepareLab();
  workstation.queueDialogSelection([valid]);
  const inbox = new InboxPage(page);

  await inbox.importButton.click();
  await expect(inbox.notice('imported')).toContainText(
    'Bundle "frontier-1-cyber.evbundle" imported: Acme AI/frontier-1@2026-10',
    IMPORT_OUTCOME,
  );
  await expect(inbox.bundles.rows).toHaveCount(1);
  const row = inbox.bundles.row(0);
  await expect(row).toContainText('Verified');
  await expect(row).toContainText('Acme AI / frontier-1 @ 2026-10');
  // The evaluator shown is the signing key's roster name.
  await expect(row).toContainText('UK AISI evaluation lab');
  await expect(row).toContainText('27');

  await inbox.showReport('frontier-1-cyber.evbundle');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const checks = inbox.checks('frontier-1-cyber.evbundle');
  await expect(checks).toHaveCount(9);
  for (const check of await checks.all()) await expect(check).toContainText('Passed');
  await expect(inbox.logs('frontier-1-cyber.evbundle').root).toContainText('doomla_3epochs.eval');
  // Tall enough for the whole report: a full-page shot would float the sticky banners mid-page.
  await page.setViewportSize({ width: 1280, height: 1800 });
  await screenshot(page, 'inbox-imported');
});

test('a tampered bundle is rejected with a clear dialog and nothing is imported', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { tampered } = await workstation.prepareLab();
  workstation.queueDialogSelection([tampered]);
  const inbox = new InboxPage(page);

  await inbox.importButton.click();
  const dialog = inbox.rejectionDialog();
  await expect(dialog).toBeVisible(IMPORT_OUTCOME);
  await expect(dialog).toContainText('Bundle "frontier-1-tampered.evbundle" was rejected');
  await expect(dialog).toContainText('does not match its signed digest');
  await expect(dialog).toContainText('Nothing was imported.');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(1);
  // Only the checks that ran: the first failure stops verification.
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Not run' })).toHaveCount(0);
  await expect(dialog).toContainText('later checks were not run.');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await screenshot(page, 'rejection');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(inbox.importButton).toBeFocused();
  await expect(inbox.bundles.root).toHaveCount(0);
  await expect(inbox.rejected).toContainText('frontier-1-tampered.evbundle');
});

test('settings show the trust roster with fingerprints', async ({ page, desk }) => {
  const workstation = await desk.open('SECRET//NOFORN');
  await workstation.prepareLab();
  await new AppFrame(page).go('Settings');
  const settings = new SettingsPage(page);
  await settings.open('Trust roster');
  const roster = settings.region('Trust roster');
  await expect(roster).toContainText('Version 4');
  await expect(settings.roster.rows).toHaveCount(4);
  await expect(roster).toContainText('UK AISI evaluation lab');
  await expect(settings.roster.rowWith('UK AISI evaluation lab')).toContainText('lab');
  await screenshot(page, 'settings-roster');
});

test('imports bundles dropped on the Inbox, and says which dropped files it left alone', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { valid } = await workstation.prepareLab();
  const inbox = new InboxPage(page);
  await inbox.drop({ 'frontier-1-cyber.evbundle': valid, 'notes.txt': '/tmp/notes.txt' });
  await expect(inbox.notice('imported')).toContainText('frontier-1-cyber.evbundle');
  // What was left alone is a warning of its own, not part of the success message.
  const leftAlone = inbox.notice('left alone');
  await expect(leftAlone).toHaveText(
    '1 dropped file was not an .evbundle file; it was left alone.',
  );
  await expect(inbox.notice('imported')).not.toContainText('left alone');
  await expect(inbox.bundles.rows).toHaveCount(1);
});

test('a drop without any bundle is refused and nothing is imported', async ({ page, desk }) => {
  await desk.open('SECRET//NOFORN');
  const inbox = new InboxPage(page);
  await inbox.drop({ 'notes.txt': '/tmp/notes.txt' });
  await expect(page.getByRole('alert')).toHaveText(
    'Only result bundles (.evbundle files) can be imported; nothing was imported.',
  );
  await expect(inbox.bundles.root).toHaveCount(0);
});

test('a bundle whose claims differ from its logs imports with a visible warning', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { disputed } = await workstation.prepareLab();
  workstation.queueDialogSelection([disputed]);
  const inbox = new InboxPage(page);
  await inbox.importButton.click();
  const row = inbox.bundles.row(0);
  await expect(row).toContainText('Verified, with warnings', IMPORT_OUTCOME);
  await inbox.showReport('frontier-1-disputed.evbundle');
  const warning = inbox.checks('frontier-1-disputed.evbundle').filter({ hasText: 'Warning' });
  await expect(warning).toContainText(
    'doomla includes/accuracy claims 1 but logs/doomla_failed.eval gives 0',
  );
});

test('the report is a selection in the route: Enter on a row opens it, Back closes it', async ({
  page,
  desk,
}) => {
  await desk.openLab({ importValid: true });
  const inbox = new InboxPage(page);
  const app = new AppFrame(page);
  const report = page.getByRole('region', { name: /^Verification report/ });
  await inbox.bundles.root.focus();
  await page.keyboard.press('Enter');
  await expect(report).toBeVisible();
  await expect(inbox.bundles.row(0)).toHaveAttribute('aria-selected', 'true');
  await app.back.click();
  await expect(report).toBeHidden();
  await app.forward.click();
  await expect(report).toBeVisible();
});

test('Cancel import stops a running import, says so, and nothing is imported', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  await workstation.prepareLab();
  // 1,000 samples: seconds of work in the import worker, time enough to cancel in.
  const large = await workstation.makeLargeBundle(10);
  workstation.queueDialogSelection([large]);
  const inbox = new InboxPage(page);

  await inbox.importButton.click();
  await expect(
    page.getByText(/frontier-1-large\.evbundle: (checking digests|reading logs)/),
  ).toBeVisible();
  await inbox.cancelButton.click();
  await expect(page.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
  await expect(inbox.notice('cancelled')).toHaveText(
    'Import of frontier-1-large.evbundle cancelled; nothing was imported.',
  );
  await expect(inbox.cancelButton).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancelling…' })).toHaveCount(0);
  await expect(inbox.bundles.root).toHaveCount(0);
  await expect(inbox.rejected).toContainText('the import was cancelled');
  expect(workstation.workspace.services.bundles.list()).toEqual([]);
});

test('a quarantined bundle is marked in the Inbox and in the dossier, and does not count', async ({
  page,
  desk,
}) => {
  const workstation = await desk.openLab({ importValid: true });
  const { identities, bundles } = workstation.workspace.services;
  const authority = identities.list().find((i) => i.name === 'Alex Authority');
  const [bundle] = bundles.list();
  if (authority === undefined || bundle === undefined) throw new Error('lab not prepared');
  // Through the real router, as the app would call it.
  const app = { origin: 'app://desk' };
  await workstation.dispatch(
    'unlock',
    { keyid: authority.keyid, passphrase: 'authority passphrase' },
    app,
  );
  expect(
    await workstation.dispatch(
      'judgeBundle',
      { action: 'quarantine', bundleId: bundle.id, reason: 'the lab key was copied' },
      app,
    ),
  ).toMatchObject({ ok: true });
  await workstation.dispatch('lock', {}, app);
  await page.reload();

  const inbox = new InboxPage(page);
  const row = inbox.bundles.row(0);
  await expect(row).toContainText('Verified');
  await expect(row.getByText('Quarantined')).toHaveAttribute(
    'title',
    'Quarantined by Alex Authority: the lab key was copied. Kept, but never evaluated.',
  );

  await new AppFrame(page).go('Models');
  await new ModelsPage(page).openDossier('frontier-1');
  const evidence = new Grid(
    page
      .getByRole('region', { name: 'Evidence' })
      .getByRole('grid', { name: 'Bundles of this model' }),
  );
  await expect(evidence.rows).toHaveCount(1);
  await expect(evidence.row(0)).toContainText('frontier-1-cyber.evbundle');
  await expect(evidence.row(0)).toContainText('NoQuarantined');
});

/** The page does not scroll sideways, and `locator` lies wholly inside the viewport. */
async function expectReflowed(page: Page, locator: Locator): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(innerWidth);
  const box = await locator.boundingBox();
  expect(box, 'not laid out').not.toBeNull();
  expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(innerWidth);
}

test('reflows at 1280×800 and at 200% zoom: wide reports scroll inside their section, the header wraps', async ({
  page,
  desk,
}) => {
  await desk.openLab({ importValid: true });
  const app = new AppFrame(page);
  await app.unlock(AUTHORITY.label, AUTHORITY.passphrase);
  const inbox = new InboxPage(page);
  await inbox.showReport('frontier-1-cyber.evbundle');
  // 1280×800, and the same window at 200% zoom: 640×400 CSS pixels at two device pixels each.
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 640, height: 400 },
  ]) {
    await page.setViewportSize(viewport);
    await expectReflowed(page, app.lockButton);
    await expectReflowed(page, app.identity);
    await expectReflowed(page, page.getByRole('heading', { name: /Verification report/ }));
    if (viewport.width === 1280) {
      // At 1280 the bundle list fits whole: no column of it scrolled out of sight.
      const list = page.getByRole('grid', { name: 'Imported result bundles' });
      const [outer, inner] = await list.evaluate((t) => [
        t.parentElement?.clientWidth ?? 0,
        t.scrollWidth,
      ]);
      expect(inner).toBeLessThanOrEqual(outer);
    }
    // The table may be wider than the window; the box it scrolls in is not.
    const runs = page.getByRole('grid', { name: 'Runs in frontier-1-cyber.evbundle' });
    await expectReflowed(page, runs.locator('..'));
  }
});

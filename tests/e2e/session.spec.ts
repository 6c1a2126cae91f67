/**
 * The session poll (every 15 s) must never discard what is on screen when it finds the
 * same session, and must discard classified state when it finds the session gone.
 */
import type { Page } from '@playwright/test';
import { expect, test, type DeskFixture } from './harness';
import { AppFrame, AUTHORITY } from './pages/app';
import { ModelsPage } from './pages/models';
import { CYBER_CORE, SettingsPage, ThresholdSetsPage } from './pages/settings';

const POLL_MS = 15_000;
const SEVERAL = 5;

/** The page clock installed, the valid bundle imported, the authority unlocked. */
async function unlockedAuthority(page: Page, desk: DeskFixture) {
  await page.clock.install();
  const workstation = await desk.openLab({ importValid: true });
  const app = new AppFrame(page);
  await app.unlock(AUTHORITY.label, AUTHORITY.passphrase);
  return {
    workstation,
    app,
    settings: new SettingsPage(page),
    thresholds: new ThresholdSetsPage(page),
  };
}

test('a half-typed threshold set and an open Reasoning section survive several session polls; locking discards them', async ({
  page,
  desk,
}) => {
  const { app, settings, thresholds } = await unlockedAuthority(page, desk);
  const polls = () => desk.calls.filter((c) => c === 'getSession').length;
  /** Advances the page's clock poll by poll, each answered before the next is due. */
  const letSeveralPollsPass = async () => {
    for (let i = 0; i < SEVERAL; i++) {
      const before = polls();
      await page.clock.runFor(POLL_MS);
      await expect.poll(polls).toBeGreaterThan(before);
    }
  };

  // A saved set, so the dossier has an evaluation with a Reasoning section.
  await app.go('Settings');
  await settings.open('Threshold sets');
  await thresholds.newSetButton.click();
  await thresholds.fill(CYBER_CORE);
  await thresholds.save();

  await app.go('Models');
  const dossier = await new ModelsPage(page).openDossier('frontier-1');
  await expect(dossier.rules.rows).toHaveCount(2);
  await dossier.openReasoning();
  await letSeveralPollsPass();
  await expect(dossier.reasoning).toHaveAttribute('open', '');
  await expect(dossier.rules.rows).toHaveCount(2);

  // A draft of a second set, typed into several fields.
  await app.go('Settings');
  await settings.open('Threshold sets');
  await thresholds.newSetButton.click();
  const { form } = thresholds;
  await form.getByLabel('Set id').fill('cyber-draft');
  await form.getByLabel('Name').fill('A draft nobody saved');
  await form.getByLabel('Notes').fill('Half typed');
  await form.getByLabel('Rule 1 id').fill('R-DRAFT-1');
  await form.getByLabel('Rule 1 benchmark').fill('doomla');
  // The inputs offer what the evidence has: the benchmark, then its scorers and metrics.
  await expect(form.getByLabel('Rule 1 benchmark')).toHaveAttribute('list', 'evidence-benchmarks');
  await expect(page.locator('#evidence-benchmarks option[value="doomla"]')).toHaveCount(1);
  await expect(page.locator('#rule-1-scorers option[value="includes"]')).toHaveCount(1);
  await expect(page.locator('#rule-1-metrics option[value="accuracy"]')).toHaveCount(1);
  await form.getByLabel('Rule 1 value').fill('0.75');
  await letSeveralPollsPass();
  await expect(form.getByLabel('Set id')).toHaveValue('cyber-draft');
  await expect(form.getByLabel('Name')).toHaveValue('A draft nobody saved');
  await expect(form.getByLabel('Notes')).toHaveValue('Half typed');
  await expect(form.getByLabel('Rule 1 id')).toHaveValue('R-DRAFT-1');
  await expect(form.getByLabel('Rule 1 benchmark')).toHaveValue('doomla');
  await expect(form.getByLabel('Rule 1 value')).toHaveValue('0.75');

  // Locking discards the draft and masks the values.
  await app.lock();
  await app.back.click();
  await expect(app.heading).toHaveText('Settings');
  await expect(thresholds.form).toHaveCount(0);
  await expect(page.getByText('A draft nobody saved')).toHaveCount(0);
  await app.go('Models');
  await new ModelsPage(page).openDossier('frontier-1');
  await expect(dossier.panel).toContainText('Threshold values are hidden.');
  await expect(dossier.panel).not.toContainText('R-POP-1');
});

test('an idle lock in main, seen by the poll, discards the draft and masks the dossier', async ({
  page,
  desk,
}) => {
  const { app, settings, thresholds, workstation } = await unlockedAuthority(page, desk);
  await app.go('Settings');
  await settings.open('Threshold sets');
  await thresholds.newSetButton.click();
  await thresholds.form.getByLabel('Name').fill('Typed before the idle lock');

  workstation.workspace.services.identities.lock('idle');
  await page.clock.runFor(POLL_MS + 1_000);
  await expect(app.unlockButton).toBeVisible();
  await expect(app.identity).toHaveCount(0);
  await expect(thresholds.form).toHaveCount(0);
  await expect(page.getByText('Unlock as a designation authority')).toBeVisible();
});

/** Settings and its sections: workstation, trust roster, threshold sets. */
import { expect, type Locator, type Page } from '@playwright/test';
import { Grid } from './grid';

export type SettingsSection = 'Workstation' | 'Trust roster' | 'Threshold sets';

export interface RuleDraft {
  readonly id: string;
  readonly benchmark: string;
  readonly scorer?: string;
  readonly basis?: 'point' | 'lower' | 'upper';
  readonly value: string;
  readonly minSamples?: string;
}

export class SettingsPage {
  readonly nav: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Settings' });
  }

  async open(section: SettingsSection): Promise<void> {
    await this.nav.getByRole('link', { name: section }).click();
    await expect(this.nav.getByRole('link', { name: section })).toHaveAttribute(
      'aria-current',
      'page',
    );
  }

  region(name: string): Locator {
    return this.page.getByRole('region', { name });
  }

  get roster(): Grid {
    return new Grid(this.page.getByRole('grid', { name: 'Trusted keys' }));
  }
}

export class ThresholdSetsPage {
  readonly versions: Grid;
  readonly form: Locator;
  readonly newSetButton: Locator;

  constructor(readonly page: Page) {
    this.versions = new Grid(page.getByRole('grid', { name: 'Threshold set versions' }));
    this.form = page.getByRole('form', { name: 'New threshold set' });
    this.newSetButton = page.getByRole('button', { name: 'New threshold set' });
  }

  readers(setId: string): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^Readers of ${setId}`) });
  }

  /** Fills the new-set form (it must be open): id, name, rules and readers; does not save. */
  async fill(set: {
    readonly id: string;
    readonly name: string;
    readonly rules: readonly RuleDraft[];
    readonly readers?: readonly string[];
  }): Promise<void> {
    const { form } = this;
    await form.getByLabel('Set id').fill(set.id);
    await form.getByLabel('Name').fill(set.name);
    for (const [i, rule] of set.rules.entries()) {
      const n = i + 1;
      if (i > 0) await form.getByRole('button', { name: 'Add a rule' }).click();
      await form.getByLabel(`Rule ${n} id`).fill(rule.id);
      await form.getByLabel(`Rule ${n} benchmark`).fill(rule.benchmark);
      if (rule.scorer) await form.getByLabel(`Rule ${n} scorer`).fill(rule.scorer);
      if (rule.basis) await form.getByLabel(`Rule ${n} basis`).selectOption(rule.basis);
      await form.getByLabel(`Rule ${n} value`).fill(rule.value);
      if (rule.minSamples) await form.getByLabel(`Rule ${n} minimum samples`).fill(rule.minSamples);
    }
    for (const reader of set.readers ?? []) await form.getByLabel(reader).check();
  }

  async save(version = 1): Promise<void> {
    await this.form.getByRole('button', { name: `Sign and save version ${version}` }).click();
    await expect(this.form).toBeHidden();
  }
}

/** The fixed set the dossier tests evaluate: one rule met, one without enough samples. */
export const CYBER_CORE = {
  id: 'cyber-core-q4',
  name: 'Cyber core thresholds, Q4 2026',
  rules: [
    { id: 'R-POP-1', benchmark: 'popularity', scorer: 'match', basis: 'point', value: '0.5' },
    { id: 'R-DOOMLA-1', benchmark: 'doomla', scorer: 'includes', value: '0.5', minSamples: '5' },
  ],
  readers: ['Dana Reviewer (reviewer)'],
} as const;

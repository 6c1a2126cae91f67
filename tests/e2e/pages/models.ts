/** Models and a model's dossier. */
import { expect, type Locator, type Page } from '@playwright/test';
import { Grid } from './grid';

export class ModelsPage {
  readonly models: Grid;
  readonly filter: Locator;

  constructor(readonly page: Page) {
    this.models = new Grid(page.getByRole('grid', { name: 'Models' }));
    this.filter = page.getByLabel('Filter models');
  }

  async openDossier(name: string): Promise<DossierPage> {
    await this.page.getByRole('link', { name: `Open dossier of ${name}` }).click();
    const dossier = new DossierPage(this.page);
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText('Dossier:');
    return dossier;
  }
}

export class DossierPage {
  readonly panel: Locator;
  readonly outcome: Locator;
  readonly rules: Grid;
  readonly chart: Locator;
  readonly reasoning: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Against thresholds' });
    this.outcome = this.panel.getByRole('status');
    this.rules = new Grid(this.panel.getByRole('grid', { name: 'Rules against the evidence' }));
    this.chart = this.panel.getByRole('img', { name: /Observed values/ });
    this.reasoning = this.panel.locator('details');
  }

  async openReasoning(): Promise<void> {
    await this.panel.getByText('Reasoning for each rule').click();
    await expect(this.reasoning).toHaveAttribute('open', '');
  }
}

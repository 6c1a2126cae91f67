/** The audit log. */
import type { Page } from '@playwright/test';
import { Grid } from './grid';

export class AuditPage {
  readonly events: Grid;

  constructor(readonly page: Page) {
    this.events = new Grid(page.getByRole('grid', { name: 'Audit log' }));
  }
}

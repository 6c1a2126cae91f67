/** A DataTable as tests read it: an ARIA grid with a header row and data rows. */
import type { Locator } from '@playwright/test';

export class Grid {
  constructor(readonly root: Locator) {}

  /** Data rows, in display order (the header row is not one). */
  get rows(): Locator {
    return this.root.locator('tbody').getByRole('row');
  }

  row(index: number): Locator {
    return this.rows.nth(index);
  }

  rowWith(text: string): Locator {
    return this.rows.filter({ hasText: text });
  }

  header(name: string): Locator {
    return this.root.getByRole('columnheader', { name });
  }

  /** Sorts by a column (one click: a step through ascending, descending, none). */
  async sortBy(name: string): Promise<void> {
    await this.header(name).getByRole('button').click();
  }

  /** The text of one column down the rendered rows. */
  async column(index: number): Promise<string[]> {
    return this.rows.evaluateAll(
      (rows, i) => rows.map((row) => row.children.item(i)?.textContent.trim() ?? ''),
      index,
    );
  }
}

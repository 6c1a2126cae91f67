/** The Inbox: import, the bundles grid, reports, rejections. */
import type { Locator, Page } from '@playwright/test';
import { Grid } from './grid';

/**
 * How long an import of the shared logs may take to show its outcome: seconds of work in a
 * worker, longer on a busy 2-core machine or under prove-offline's strace than the 5 s
 * Playwright waits by default. Not a performance assertion: npm run bench measures imports.
 */
export const IMPORT_OUTCOME = { timeout: 60_000 } as const;

export class InboxPage {
  readonly importButton: Locator;
  readonly cancelButton: Locator;
  readonly bundles: Grid;
  readonly dropZone: Locator;
  readonly rejected: Locator;

  constructor(readonly page: Page) {
    this.importButton = page.getByRole('button', { name: 'Import bundles…' });
    this.cancelButton = page.getByRole('button', { name: 'Cancel import' });
    this.bundles = new Grid(page.getByRole('grid', { name: 'Imported result bundles' }));
    this.dropZone = page.getByRole('group', { name: /drop \.evbundle files here/ });
    this.rejected = page.getByRole('region', { name: 'Rejected imports' });
  }

  /** The import's closing message (a status, or an alert when the call failed). */
  notice(text: string | RegExp): Locator {
    return this.page.getByRole('status').filter({ hasText: text });
  }

  rejectionDialog(name = 'Bundle rejected'): Locator {
    return this.page.getByRole('dialog', { name });
  }

  checks(file: string): Locator {
    return this.page.getByRole('list', { name: `Checks for ${file}` }).getByRole('listitem');
  }

  logs(file: string): Grid {
    return new Grid(this.page.getByRole('grid', { name: `Logs in ${file}` }));
  }

  async showReport(file: string): Promise<void> {
    await this.page.getByRole('button', { name: `Show report for ${file}` }).click();
  }

  /** Drops files on the Inbox: each name maps to the path the preload's webUtils reports. */
  async drop(files: Readonly<Record<string, string>>): Promise<void> {
    await this.page.evaluate((paths) => {
      (window as unknown as { __deskDropPaths: Record<string, string> }).__deskDropPaths = paths;
    }, files);
    const transfer = await this.page.evaluateHandle((names) => {
      const data = new DataTransfer();
      for (const name of names) data.items.add(new File(['bytes'], name));
      return data;
    }, Object.keys(files));
    await this.dropZone.dispatchEvent('dragover', { dataTransfer: transfer });
    await this.dropZone.dispatchEvent('drop', { dataTransfer: transfer });
  }
}

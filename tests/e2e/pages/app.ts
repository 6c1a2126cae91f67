/** The app frame every screen shares: banners, app bar, navigation, the session. */
import { expect, type Locator, type Page } from '@playwright/test';

export const SCREENS = ['Inbox', 'Models', 'Search', 'Decisions', 'Audit', 'Settings'] as const;
export type ScreenName = (typeof SCREENS)[number];

export class AppFrame {
  readonly heading: Locator;
  readonly nav: Locator;
  readonly back: Locator;
  readonly forward: Locator;
  readonly identity: Locator;
  readonly lockButton: Locator;
  readonly unlockButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.nav = page.getByRole('navigation', { name: 'Primary' });
    const bar = page.getByRole('banner');
    this.back = bar.getByRole('button', { name: 'Back' });
    this.forward = bar.getByRole('button', { name: 'Forward' });
    this.identity = page.getByLabel('Unlocked identity');
    this.lockButton = bar.getByRole('button', { name: 'Lock', exact: true });
    this.unlockButton = bar.getByRole('button', { name: 'Unlock', exact: true });
  }

  banners(marking: string): Locator {
    return this.page.getByRole('note', { name: `Classification: ${marking}` });
  }

  navLink(screen: ScreenName): Locator {
    return this.nav.getByRole('link', { name: screen });
  }

  /** Goes to a screen from the primary navigation and waits for its heading. */
  async go(screen: ScreenName): Promise<void> {
    await this.navLink(screen).click();
    await expect(this.heading).toHaveText(screen);
  }

  /** Unlocks from the app bar's Unlock, and waits to be back where it started. */
  async unlock(identity: string, passphrase: string): Promise<void> {
    await this.unlockButton.click();
    await new LockForm(this.page).submit(identity, passphrase);
    await expect(this.identity).toBeVisible();
  }

  async lock(): Promise<void> {
    await this.lockButton.click();
    await expect(this.heading).toHaveText('Unlock');
  }
}

/** The lock screen's form. */
export class LockForm {
  readonly identity: Locator;
  readonly passphrase: Locator;
  readonly submitButton: Locator;
  readonly cancel: Locator;

  constructor(readonly page: Page) {
    const main = page.getByRole('main');
    this.identity = main.getByLabel('Identity', { exact: true });
    this.passphrase = main.getByLabel('Passphrase', { exact: true });
    this.submitButton = main.getByRole('button', { name: 'Unlock', exact: true });
    this.cancel = main.getByRole('button', { name: 'Cancel' });
  }

  async submit(identity: string, passphrase: string): Promise<void> {
    await this.identity.selectOption({ label: identity });
    await this.passphrase.fill(passphrase);
    await this.submitButton.click();
  }
}

export const AUTHORITY = {
  label: 'Alex Authority (authority)',
  passphrase: 'authority passphrase',
};
export const REVIEWER = { label: 'Dana Reviewer (reviewer)', passphrase: 'reviewer passphrase' };

import { expect, screenshot, test } from './harness';
import { AppFrame, LockForm, REVIEWER } from './pages/app';

test('unlock: a wrong passphrase is refused clearly, the right one unlocks, Lock locks', async ({
  page,
  desk,
}) => {
  const workstation = await desk.openLab();
  const app = new AppFrame(page);
  await app.unlockButton.click();

  const form = new LockForm(page);
  await expect(form.identity.getByRole('option')).toHaveText([
    'Alex Authority (authority)',
    'Dana Reviewer (reviewer)',
  ]);
  await form.submit(REVIEWER.label, 'not my passphrase');
  await expect(page.getByRole('alert')).toHaveText(
    'The passphrase does not open the key of "Dana Reviewer". The next attempt waits 1 s.',
  );
  await expect(form.passphrase).toHaveValue('');
  await expect(form.passphrase).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'unlock-refused');

  await form.passphrase.fill(REVIEWER.passphrase);
  await form.submitButton.click();
  await expect(app.identity).toHaveText('Dana Reviewer · reviewer');
  await expect(app.heading).toHaveText('Inbox');

  await app.lock();
  await expect(app.identity).toHaveCount(0);

  const audit = workstation.workspace.services.audit.page(50, null).events.map((e) => e.kind);
  expect(audit.slice(0, 4)).toEqual([
    'identity.locked',
    'identity.unlocked',
    'identity.unlock-failed',
    'identity.enrolled',
  ]);
});

test('unlocking returns to the screen it was asked from', async ({ page, desk }) => {
  await desk.openLab();
  const app = new AppFrame(page);
  await app.go('Audit');
  await app.unlock(REVIEWER.label, REVIEWER.passphrase);
  await expect(app.heading).toHaveText('Audit');
  // The lock screen is not left behind in the history: Back goes to the Inbox.
  await app.back.click();
  await expect(app.heading).toHaveText('Inbox');
});

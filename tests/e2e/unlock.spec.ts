import path from 'node:path';
import { expect, SCREENSHOTS, test } from './harness';

test('unlock: a wrong passphrase is refused clearly, the right one unlocks, Lock locks', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  await workstation.prepareLab();
  await page.reload();
  await page.getByRole('button', { name: 'Unlock' }).click();

  const identity = page.getByLabel('Identity');
  await expect(identity.getByRole('option')).toHaveText([
    'Alex Authority (authority)',
    'Dana Reviewer (reviewer)',
  ]);
  await identity.selectOption({ label: 'Dana Reviewer (reviewer)' });
  const passphrase = page.getByLabel('Passphrase');
  await passphrase.fill('not my passphrase');
  await page.getByRole('button', { name: 'Unlock', exact: true }).last().click();
  await expect(page.getByRole('alert')).toHaveText(
    'The passphrase does not open the key of "Dana Reviewer". The next attempt waits 1 s.',
  );
  await expect(passphrase).toHaveValue('');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'unlock-refused.png') });

  await passphrase.fill('reviewer passphrase');
  await page.getByRole('button', { name: 'Unlock', exact: true }).last().click();
  await expect(page.getByLabel('Unlocked identity')).toHaveText('Dana Reviewer · reviewer');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inbox');

  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByLabel('Unlocked identity')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unlock');

  const audit = workstation.workspace.services.audit.page(50, null).events.map((e) => e.kind);
  expect(audit.slice(0, 4)).toEqual([
    'identity.locked',
    'identity.unlocked',
    'identity.unlock-failed',
    'identity.enrolled',
  ]);
});

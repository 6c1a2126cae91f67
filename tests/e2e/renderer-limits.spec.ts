/**
 * A page that names a path itself, as a compromised renderer would, cannot import it: only
 * a drop the preload registered (or the dialog main opens) can. Through the real built
 * preload and the real router.
 */
import { expect, test } from './harness';

test('a path the page names without a drop is refused, and nothing is imported', async ({
  page,
  desk,
}) => {
  const workstation = await desk.open('SECRET//NOFORN');
  const { valid } = await workstation.prepareLab();
  const answer = await page.evaluate(
    async ([file]) => {
      const api = window as unknown as {
        desk: {
          importBundles: (r: unknown) => Promise<unknown>;
          registerDroppedFiles: (files: File[]) => Promise<unknown>;
        };
      };
      // A File the page made has no path, so registering it registers nothing.
      const made = new File(['x'], 'frontier-1-cyber.evbundle');
      const registered = await api.desk.registerDroppedFiles([made]);
      const imported = await api.desk.importBundles({ source: 'drop', paths: [file] });
      return { registered, imported, hasRegisterDrop: 'registerDrop' in api.desk };
    },
    [valid] as const,
  );
  expect(answer).toEqual({
    registered: { ok: true, value: { paths: [] } },
    imported: {
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message:
          '"frontier-1-cyber.evbundle" was neither chosen in the file dialog nor dropped on the window, so it cannot be imported. Nothing was imported.',
      },
    },
    hasRegisterDrop: false,
  });
  expect(workstation.workspace.services.bundles.list()).toEqual([]);
});

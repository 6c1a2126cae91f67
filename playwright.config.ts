import fs from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Two projects:
 *   e2e       the built renderer in Debian Chromium, bridged to the real router (never skipped);
 *   electron  the packaged-shape app in a real Electron, where a binary is provisioned.
 * Chromium comes from the system (apt-get install chromium), never from a Playwright download.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  throw new Error(
    `Chromium not found at ${chromium}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`,
  );
}

export default defineConfig({
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    {
      name: 'e2e',
      testDir: 'tests/e2e',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromium,
          // No name resolution and no proxy, as the app (main/app/hardening.ts), so the browser
          // makes no network system call: npm run prove-offline checks it. "^NOTFOUND" is
          // Chromium's token for "fail every lookup"; "~NOTFOUND" maps every host to a host of
          // that name, which Chromium then tries to resolve (an IPv6 probe, a resolver query).
          args: [
            '--host-resolver-rules=MAP * ^NOTFOUND',
            '--no-proxy-server',
            '--disable-domain-reliability',
            '--disable-breakpad',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'tests/electron',
    },
  ],
});

/**
 * The switch that stops name resolution, checked in Debian's Chromium through its own
 * NetLog: a page asks for the app's unresolvable origin and the log must show no host
 * resolution at all. Chromium's token for "fail every lookup" is `^NOTFOUND`
 * (net/dns/mapped_host_resolver); `~NOTFOUND` maps every host to a host of that name, which
 * Chromium then resolves (an IPv6 reachability probe and a resolver query, seen by
 * `npm run prove-offline` before the e2e config used `^NOTFOUND`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir';

const repo = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The host-resolver-rules value a source file passes to Chromium. */
function rulesIn(file: string): string {
  const text = fs.readFileSync(path.join(repo, file), 'utf8');
  const rules = /host-resolver-rules['"]?\s*,\s*'([^']+)'|--host-resolver-rules=([^'"]+)/.exec(
    text,
  );
  const value = rules?.[1] ?? rules?.[2];
  if (value === undefined) throw new Error(`${file} sets no host-resolver-rules switch`);
  return value;
}

/** How many host resolutions Chromium's NetLog records while a page loads the app's origin. */
async function resolutionsWith(rules: string, dir: string): Promise<number> {
  const netLog = path.join(dir, 'netlog.json');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      `--host-resolver-rules=${rules}`,
      '--no-sandbox',
      '--disable-gpu',
      `--log-net-log=${netLog}`,
    ],
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.fulfill({ body: '<h1>desk</h1>', contentType: 'text/html' }),
    );
    await page.goto('https://designation-desk.invalid/index.html');
    await page.reload();
  } finally {
    await browser.close();
  }
  const log = JSON.parse(fs.readFileSync(netLog, 'utf8')) as {
    constants: { logEventTypes: Record<string, number> };
    events: { type: number }[];
  };
  const request = log.constants.logEventTypes.HOST_RESOLVER_MANAGER_REQUEST;
  return log.events.filter((e) => e.type === request).length;
}

describe('no name resolution in Chromium', () => {
  const tempDir = useTempDirs();

  it('the check sees resolutions when the rule does not stop them (so it can fail)', async () => {
    expect(await resolutionsWith('MAP * ~NOTFOUND', tempDir())).toBeGreaterThan(0);
  });

  it('finds the rule in the app and in the e2e config', () => {
    expect(rulesIn('main/app/hardening.ts')).toBe('MAP * ^NOTFOUND');
    expect(rulesIn('playwright.config.ts')).toBe('MAP * ^NOTFOUND');
  });

  it("the e2e suite's Chromium resolves nothing", async () => {
    expect(await resolutionsWith(rulesIn('playwright.config.ts'), tempDir())).toBe(0);
  });

  // The app passed "MAP * ~NOTFOUND" until this test showed Chromium takes it as a host
  // named "~notfound" and resolves it.
  it("the app's own switch makes Chromium resolve nothing", async () => {
    expect(await resolutionsWith(rulesIn('main/app/hardening.ts'), tempDir())).toBe(0);
  });
});

/**
 * `npm run bench`: the renderer's DataTable on 100,000 synthetic rows in Debian Chromium
 * (DESIGN.md §7: measured by a benchmark that writes its figures, never by timed tests).
 *
 * 1. Builds tests/bench/datatable/ (the real DataTable, tokens and CSS Modules, under the
 *    app's CSP) with Vite's build API into out/bench-datatable/.
 * 2. Serves it with page.route from an origin that cannot resolve (like the e2e harness)
 *    and measures, in the page, with performance marks up to two animation frames later
 *    (the frame that shows the change has been painted):
 *      firstRender  a fresh mount, to the first rows painted;
 *      sort         a click on a column header, to the sorted rows painted;
 *      filter       a new filter text, to the matching rows painted.
 * 3. Writes the "dataTable" section of bench/results.json: median and max in ms per step.
 *
 * Environment: CHROMIUM_PATH (default /usr/bin/chromium); BENCH_OUT as for the import bench.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { expect, test } from 'vitest';
import playwrightConfig from '../../playwright.config';
import { RESULTS_FILE, recordResults } from './results';

const REPO = path.resolve(import.meta.dirname, '../..');
const SOURCE = path.join(REPO, 'tests/bench/datatable');
const OUT = path.join(REPO, 'out/bench-datatable');
const ORIGIN = 'https://datatable-bench.invalid';
const REPETITIONS = 7;
/** Chromium as the e2e suite runs it: the flags of playwright.config.ts. */
const CHROMIUM_ARGS =
  playwrightConfig.projects?.find((p) => p.name === 'e2e')?.use?.launchOptions?.args ?? [];

test('DataTable: first render, sort and filter of 100,000 rows in Chromium', async () => {
  await build({
    root: SOURCE,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: OUT, emptyOutDir: true, assetsInlineLimit: 0 },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watch(page);
    await page.goto(`${ORIGIN}/index.html`);
    const figures = await measure(page);
    expect(problems, 'console errors, CSP violations or requests off the page').toEqual([]);
    recordResults('dataTable', { ...figures, chromium: browser.version() });
    console.log(`DataTable on ${figures.rows} rows (${RESULTS_FILE}):`, JSON.stringify(figures));
  } finally {
    await browser.close();
  }
});

/** Serves the built page; collects console errors and any request that is not the page's. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  void page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      problems.push(`request to ${url.href}`);
      return route.abort('blockedbyclient');
    }
    const file = path.join(OUT, path.normalize(url.pathname));
    if (!file.startsWith(OUT) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.css')
        ? 'text/css'
        : 'text/html';
    return route.fulfill({ status: 200, contentType: type, body: fs.readFileSync(file) });
  });
  return problems;
}

async function measure(page: Page) {
  const firstRender: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    firstRender.push(await page.evaluate(() => window.deskBench.mount()));
  }
  const rows = await page.evaluate(() => window.deskBench.rowCount);
  expect(await page.evaluate(() => window.deskBench.ariaRowCount())).toBe(String(rows + 1));
  const renderedRows = await page.evaluate(() => window.deskBench.renderedRows());

  // Each click steps the Score column through descending, ascending and unsorted.
  const sort: number[] = [];
  const unsorted = await page.evaluate(() => window.deskBench.firstCells());
  for (let i = 0; i < REPETITIONS * 3; i++) {
    sort.push(await page.evaluate(() => window.deskBench.sort('Score')));
    const first = await page.evaluate(() => window.deskBench.firstCells());
    if (i % 3 === 2) expect(first).toEqual(unsorted);
    else expect(first).not.toEqual(unsorted);
  }

  const filter: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    // 'sample-09' matches 10,000 rows; then back to all 100,000.
    filter.push(await page.evaluate(() => window.deskBench.filter('sample-09')));
    expect(await page.evaluate(() => window.deskBench.ariaRowCount())).toBe('10001');
    filter.push(await page.evaluate(() => window.deskBench.filter('')));
  }
  return {
    rows,
    repetitions: REPETITIONS,
    renderedRows,
    firstRenderMs: summary(firstRender),
    sortMs: summary(sort),
    filterMs: summary(filter),
  };
}

function summary(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const round = (v: number) => Math.round(v * 10) / 10;
  return { median: round(median), max: round(sorted.at(-1) ?? 0), samples: samples.length };
}

/**
 * Electron security scan: Electronegativity over the app's source (main/, preload/,
 * renderer/). Writes reports/electronegativity.sarif, prints every finding, and exits 1
 * on any HIGH or MEDIUM finding or on a main/ or preload/ file it could not parse.
 *
 * Electronegativity runs in a child process on a Node older than 24: on Node 24 the `got`
 * it bundles crashes while handling the failed translation download it tries at start.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ENGINE = path.join(ROOT, 'node_modules/@doyensec/electronegativity');
const SARIF = path.join(ROOT, 'reports/electronegativity.sarif');
const SCANNED = ['main', 'preload', 'renderer'];
// A file Electronegativity cannot parse is skipped by every check. The renderer is a
// sandboxed page, so a gap there is a warning; in main/ or preload/ it fails the scan.
const MUST_PARSE = ['main/', 'preload/'];
// AvailableSecurityFixesGlobalCheck is the only check that needs a network: it downloads
// Electron's release list to compare against our version. Nothing else is excluded.
// (Exclusion wants the class name: the id AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK is
// rejected as a misspelt check.)
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const FAILING = new Set(['HIGH', 'MEDIUM']);
const RANK = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };

// Runs inside the child, in CommonJS. Electronegativity's only network client is `got`
// (the translation download in locales/i18n.js, unconditional and with no switch to turn
// it off, and the excluded check). Swap in a `got` that fails at once, as offline, before
// Electronegativity loads: it then keeps its bundled en-US strings and prints "Could not
// retrieve updated translations", which is expected. Blocking socket connects turns any
// other attempt into an error rather than a request.
const CHILD = `
const Module = require('node:module');
const fs = require('node:fs');
const [engine, optionsJson, resultFile] = process.argv.slice(1);
require('node:net').Socket.prototype.connect = () => {
  throw new Error('network access blocked by tests/security/electronegativity.mjs');
};
const gotPath = require.resolve('got', { paths: [engine] });
const offline = new Module(gotPath);
offline.loaded = true;
offline.exports = () => Promise.reject(new Error('offline: network disabled'));
offline.exports.head = offline.exports;
require.cache[gotPath] = offline;
require(engine)(JSON.parse(optionsJson)).then((result) => {
  const issues = result.issues.map((i) => ({
    id: i.id, severity: i.severity.name, confidence: i.confidence.name, sample: i.sample,
  }));
  fs.writeFileSync(resultFile, JSON.stringify({ errors: result.errors, issues }));
});
`;

function fail(message) {
  console.error(`electronegativity: ${message}`);
  process.exit(1);
}

/** The version of the Node at `bin`, or undefined if it is not a runnable Node. */
function nodeVersion(bin) {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** npm's own Node (npm_node_execpath) first, then PATH minus node_modules/.bin (Node 24). */
function findOldNode() {
  const candidates = [
    process.env.npm_node_execpath,
    ...(process.env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => dir && !dir.split(path.sep).includes('node_modules'))
      .map((dir) => path.join(dir, 'node')),
  ];
  for (const bin of candidates) {
    const version = bin && fs.existsSync(bin) ? nodeVersion(bin) : undefined;
    if (version && Number(/^v(\d+)/.exec(version)?.[1]) < 24) return { bin, version };
  }
  return fail('needs a Node older than 24 (e.g. the system Node 20) outside node_modules.');
}

/** Runs Electronegativity through its API: given an output file its CLI prints nothing,
 * parse errors included, and its SARIF carries neither severity nor confidence. */
function scan(node, electronVersion) {
  // Electronegativity silently skips every file whose absolute path contains node_modules.
  if (os.tmpdir().includes('node_modules')) fail('the temp dir is inside node_modules.');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
  try {
    // One input tree holding exactly the three folders, with repo-relative paths, so the
    // cross-file checks (navigation limits, permission handler, CSP) see them together.
    const input = path.join(work, 'src');
    for (const dir of SCANNED) {
      fs.cpSync(path.join(ROOT, dir), path.join(input, dir), { recursive: true });
    }
    const options = {
      input,
      output: SARIF,
      isSarif: true,
      isRelative: true,
      excludeFromScan: EXCLUDED.map((check) => check.toLowerCase()),
      // With no package.json in the input it would assume Electron 0.1.0's defaults.
      electronVersionOverride: electronVersion,
    };
    const resultFile = path.join(work, 'result.json');
    const child = spawnSync(
      node,
      ['--input-type=commonjs', '-e', CHILD, ENGINE, JSON.stringify(options), resultFile],
      // Its messages follow LANG; pin them to the English it bundles.
      { stdio: 'inherit', env: { ...process.env, LANG: 'en-US' } },
    );
    if (child.status === 0 && fs.existsSync(resultFile)) {
      const { errors, issues } = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
      return { issues, errors: errors.map((e) => ({ ...e, file: path.relative(input, e.file) })) };
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return fail('Electronegativity itself failed (see above).');
}

const node = findOldNode();
const electron = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'node_modules/electron/package.json'), 'utf8'),
).version;
console.log(
  `Electronegativity on ${SCANNED.join('/, ')}/ under Node ${node.version} (${node.bin}), ` +
    `Electron ${electron}; excluded: ${EXCLUDED.join(', ')}`,
);
fs.mkdirSync(path.dirname(SARIF), { recursive: true });
const { errors, issues } = scan(node.bin, electron);

// The SARIF level is only 'note' (manual review) or 'warning', whatever the severity, so
// severity and confidence come from the API's list, which is the same array in the same
// order. Record them in the SARIF, and point it at the repo instead of the deleted copy.
const sarif = JSON.parse(fs.readFileSync(SARIF, 'utf8'));
const run = sarif.runs[0];
if (run.results.length !== issues.length || run.results.some((r, i) => r.ruleId !== issues[i].id)) {
  fail('the SARIF and the result list disagree; cannot tell the severities.');
}
run.results.forEach((r, i) => {
  r.properties = { severity: issues[i].severity, confidence: issues[i].confidence };
});
if (run.invocations) run.invocations[0].workingDirectory.uri = pathToFileURL(ROOT).href;
fs.writeFileSync(SARIF, `${JSON.stringify(sarif, null, 2)}\n`);

const findings = run.results
  .map((r, i) => {
    const file = r.locations[0].physicalLocation.artifactLocation.uri;
    const where =
      file === 'file:///'
        ? '(project-wide)'
        : `${file}:${r.locations[0].physicalLocation.region.startLine}`;
    return { ...issues[i], where, text: r.message.text, review: r.level === 'note' };
  })
  .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
for (const f of findings) {
  console.log(`\n${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id}  ${f.where}`);
  console.log(`  ${f.text}${f.review ? ' (manual review)' : ''}`);
  if (f.sample) console.log(`  > ${f.sample.slice(0, 150)}`);
}

// A parse failure skips the whole file; "tolerable" errors were recovered from.
for (const e of errors) {
  console.log(`\n${e.tolerable ? 'PARSED WITH ERRORS' : 'NOT PARSED'}  ${e.file}: ${e.message}`);
}

const blocking = findings.filter((f) => FAILING.has(f.severity));
const blind = errors.filter(
  (e) => !e.tolerable && MUST_PARSE.some((dir) => e.file.startsWith(dir)),
);
console.log(
  `\n${findings.length} finding(s), ${blocking.length} HIGH/MEDIUM; ${errors.length} file(s) with parse errors. SARIF: ${path.relative(ROOT, SARIF)}`,
);
if (blocking.length > 0 || blind.length > 0) {
  fail(
    `FAILED: ${blocking.length} HIGH/MEDIUM finding(s), ${blind.length} unparsed main/ or preload/ file(s).`,
  );
}
console.log('electronegativity: passed.');

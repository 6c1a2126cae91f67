// Lint is where the architecture is enforced (docs/architecture.md):
//   * no module anywhere may reach a network (imports and globals);
//   * common/ is the layer every process may load: zod and itself, nothing else;
//   * main/ services never import electron; only main/app/ is the Electron room;
//   * renderer/ sees the app only through common/ (no main/, db/, preload/, Node);
//   * preload/ sees electron's bridge and common/, nothing else;
//   * SQL lives in db/: only db/ may import better-sqlite3 or call prepare()/pragma().
// tests/integration/lint-rules.test.ts proves that each rule fires.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dns', 'dgram', 'undici'];
const networkPaths = NETWORK_MODULES.flatMap((name) => [
  { name, message: 'Designation Desk never touches a network (DESIGN.md §1).' },
  { name: `node:${name}`, message: 'Designation Desk never touches a network (DESIGN.md §1).' },
]);
const networkPatterns = [
  {
    group: ['node:http*', 'node:dns/*', 'dns/*', 'undici/*', 'node-fetch', 'axios', 'ws', 'got'],
    message: 'Designation Desk never touches a network (DESIGN.md §1).',
  },
];
const electronNet = {
  name: 'electron',
  importNames: ['net', 'netLog'],
  message: "Electron's net module is a network client; Designation Desk has none.",
};

const noNetworkGlobals = [
  { name: 'fetch', message: 'No network access: fetch is banned everywhere.' },
  { name: 'XMLHttpRequest', message: 'No network access.' },
  { name: 'WebSocket', message: 'No network access.' },
  { name: 'EventSource', message: 'No network access.' },
];
const noNetworkSyntax = [
  {
    selector: "MemberExpression[property.name='fetch']",
    message: 'No network access: fetch is banned everywhere.',
  },
  {
    selector: "MemberExpression[property.name='sendBeacon']",
    message: 'No network access: sendBeacon is banned.',
  },
];
const sqlOnlyInDb = [
  {
    selector: 'CallExpression[callee.property.name=/^(prepare|pragma)$/]',
    message: 'SQL lives in db/: call a statement module instead of prepare()/pragma().',
  },
];

/** Every no-restricted-imports config repeats the network bans: a later config replaces, not merges. */
function restrictImports({ paths = [], patterns = [] } = {}) {
  return [
    'error',
    { paths: [...networkPaths, ...paths], patterns: [...networkPatterns, ...patterns] },
  ];
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': restrictImports({ paths: [electronNet] }),
      'no-restricted-globals': ['error', ...noNetworkGlobals],
      'no-restricted-syntax': ['error', ...noNetworkSyntax, ...sqlOnlyInDb],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  // common/: loaded by main, preload and renderer alike. Its concept folders are flat
  // (common/<concept>/file.ts), so "../../" always leaves the layer.
  {
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports({
        patterns: [
          {
            regex: String.raw`^(?!zod$|\.\.?/)`,
            message:
              'The common layer imports only zod and its own modules (docs/architecture.md).',
          },
          {
            regex: String.raw`^\.\./\.\./`,
            message:
              'The common layer imports only zod and its own modules (docs/architecture.md).',
          },
        ],
      }),
    },
  },
  // main/: plain Node services. Only main/app may import electron; nothing imports main/app.
  {
    files: ['main/**/*.ts'],
    ignores: ['main/app/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports({
        paths: [
          {
            name: 'electron',
            message: 'Only main/app/ may import electron (docs/architecture.md).',
          },
          { name: 'better-sqlite3', message: 'Only db/ may open the database.' },
        ],
        patterns: [
          {
            group: ['**/app', '**/app/**'],
            message: 'Services never depend on the Electron shell.',
          },
        ],
      }),
    },
  },
  {
    files: ['main/app/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports({
        paths: [
          electronNet,
          { name: 'better-sqlite3', message: 'Only db/ may open the database.' },
        ],
      }),
    },
  },
  // db/: owns SQL. May not reach into main/ or electron.
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noNetworkSyntax],
      '@typescript-eslint/no-restricted-imports': restrictImports({
        paths: [{ name: 'electron', message: 'db/ is plain Node.' }],
        patterns: [
          {
            group: ['**/main/**', '**/renderer/**', '**/preload/**'],
            message: 'db/ depends on nothing above it.',
          },
        ],
      }),
    },
  },
  // preload/: the bridge only. A sandboxed preload's require() offers electron, events,
  // timers and url; everything else must be bundled, and only common/ may be.
  {
    files: ['preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports({
        paths: [
          {
            name: 'electron',
            allowImportNames: ['contextBridge', 'ipcRenderer', 'webUtils'],
            message: 'The preload uses contextBridge, ipcRenderer and webUtils only.',
          },
        ],
        patterns: [
          {
            regex: String.raw`^(?!electron$|(\.\./)+common/)`,
            message:
              "The preload sees electron's bridge and common/, nothing else of the app or of Node.",
          },
        ],
      }),
    },
  },
  // renderer/: the UI. No Node, no Electron; the app only through common/.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': restrictImports({
        paths: [
          { name: 'electron', message: 'The renderer talks to main only through window.desk.' },
          { name: 'better-sqlite3', message: 'The renderer has no database.' },
          { name: 'libsodium-wrappers-sumo', message: 'Cryptography happens in main.' },
        ],
        patterns: [
          {
            group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'worker_threads'],
            message: 'The renderer is a sandboxed web page: no Node modules.',
          },
          {
            group: ['**/main', '**/main/**', '**/db', '**/db/**', '**/preload', '**/preload/**'],
            message: 'The renderer sees the app only through common/ (docs/architecture.md).',
          },
        ],
      }),
    },
  },
  // Tests and tooling may use anything (they are not shipped), but never the network.
  {
    files: ['tests/**/*.ts', '*.config.ts', 'build/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictImports(),
      'no-restricted-syntax': ['error', ...noNetworkSyntax],
    },
  },
);

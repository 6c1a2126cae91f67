/**
 * Proves the architecture rules in eslint.config.mjs fire: each probe is a real file
 * written into the folder whose rule it breaks, linted with the project's own config.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');

interface Probe {
  readonly name: string;
  readonly file: string;
  readonly code: string;
  readonly rule: string;
  readonly message: RegExp;
}

const probes: Probe[] = [
  {
    name: 'a service importing node:http',
    file: 'main/__lint_probe__/http.ts',
    code: "import http from 'node:http';\nexport const server = http.createServer();\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /never touches a network/,
  },
  {
    name: 'a service importing https',
    file: 'main/__lint_probe__/https.ts',
    code: "import { request } from 'https';\nexport const r = request;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /never touches a network/,
  },
  {
    name: 'a service importing net',
    file: 'main/__lint_probe__/net.ts',
    code: "import * as net from 'net';\nexport const s = net.createServer;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /never touches a network/,
  },
  {
    name: 'the db layer importing undici',
    file: 'db/__lint_probe__/undici.ts',
    code: "import { request } from 'undici';\nexport const r = request;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /never touches a network/,
  },
  {
    name: 'the shell using electron.net',
    file: 'main/app/__lint_probe__/net.ts',
    code: "import { net } from 'electron';\nexport const f = net.fetch;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /net module is a network client/,
  },
  {
    name: 'a service calling fetch',
    file: 'main/__lint_probe__/fetch.ts',
    code: "export const leak = () => fetch('app://desk/');\n",
    rule: 'no-restricted-globals',
    message: /fetch is banned/,
  },
  {
    name: 'the renderer calling window.fetch',
    file: 'renderer/src/__lint_probe__/fetch.ts',
    code: "export const leak = () => window.fetch('app://desk/');\n",
    rule: 'no-restricted-syntax',
    message: /fetch is banned/,
  },
  {
    name: 'the renderer opening a WebSocket',
    file: 'renderer/src/__lint_probe__/ws.ts',
    code: "export const open = () => new WebSocket('ws://x.invalid/');\n",
    rule: 'no-restricted-globals',
    message: /No network access/,
  },
  {
    name: 'a service importing electron',
    file: 'main/__lint_probe__/electron.ts',
    code: "import { app } from 'electron';\nexport const name = app.getName();\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /Only main\/app\/ may import electron/,
  },
  {
    name: 'a service importing the Electron shell',
    file: 'main/__lint_probe__/shell.ts',
    code: "import { createMainWindow } from '../app/window';\nexport const w = createMainWindow;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /never depend on the Electron shell/,
  },
  {
    name: 'the renderer importing a main service',
    file: 'renderer/src/__lint_probe__/workspace.ts',
    code: "import { openWorkspace } from '../../../main/workspace';\nexport const o = openWorkspace;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /only through common\//,
  },
  {
    name: 'the renderer importing types from main/ipc',
    file: 'renderer/src/__lint_probe__/ipc-type.ts',
    code: "import type { Handlers } from '../../../main/ipc';\nexport type H = Handlers;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /only through common\//,
  },
  {
    name: 'the renderer importing fs',
    file: 'renderer/src/__lint_probe__/fs.ts',
    code: "import fs from 'node:fs';\nexport const r = fs.readFileSync;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /no Node modules/,
  },
  {
    name: 'the preload importing a service',
    file: 'preload/__lint_probe__/audit.ts',
    code: "import { createAuditLog } from '../../main/audit';\nexport const a = createAuditLog;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /sees electron's bridge and common\//,
  },
  {
    name: 'the preload importing the router',
    file: 'preload/__lint_probe__/router.ts',
    code: "import { createRouter } from '../../main/ipc';\nexport const r = createRouter;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /sees electron's bridge and common\//,
  },
  {
    name: 'the preload importing node:path',
    file: 'preload/__lint_probe__/path.ts',
    code: "import path from 'node:path';\nexport const j = path.join;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /nothing else of the app or of Node/,
  },
  {
    name: 'the common layer importing node:crypto',
    file: 'common/__lint_probe__/crypto.ts',
    code: "import crypto from 'node:crypto';\nexport const h = crypto.createHash;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /imports only zod and its own modules/,
  },
  {
    name: 'the common layer importing electron',
    file: 'common/__lint_probe__/electron.ts',
    code: "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /imports only zod and its own modules/,
  },
  {
    name: 'the common layer importing a service',
    file: 'common/__lint_probe__/service.ts',
    code: "import { createAuditLog } from '../../main/audit';\nexport const a = createAuditLog;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /imports only zod and its own modules/,
  },
  {
    name: 'the common layer importing db/',
    file: 'common/__lint_probe__/db.ts',
    code: "import { openDatabase } from '../../db';\nexport const o = openDatabase;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /imports only zod and its own modules/,
  },
  {
    name: 'the preload importing shell from electron',
    file: 'preload/__lint_probe__/shell.ts',
    code: "import { shell } from 'electron';\nexport const s = shell;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /contextBridge, ipcRenderer and webUtils only/,
  },
  {
    name: 'a service importing better-sqlite3',
    file: 'main/__lint_probe__/sqlite.ts',
    code: "import Database from 'better-sqlite3';\nexport const d = Database;\n",
    rule: '@typescript-eslint/no-restricted-imports',
    message: /Only db\/ may open the database/,
  },
  {
    name: 'SQL prepared outside db/',
    file: 'main/__lint_probe__/prepare.ts',
    code: "export const q = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n",
    rule: 'no-restricted-syntax',
    message: /SQL lives in db\//,
  },
];

const allowed: { readonly file: string; readonly code: string }[] = [
  {
    file: 'renderer/src/__lint_probe__/common.ts',
    code: "import { CHANNELS } from '../../../common/ipc';\nexport const c = CHANNELS;\n",
  },
  {
    file: 'preload/__lint_probe__/common.ts',
    code: "import { CHANNELS } from '../../common/ipc';\nexport const c = CHANNELS;\n",
  },
  {
    file: 'common/__lint_probe__/zod.ts',
    code: "import { z } from 'zod';\nimport { ROLES } from '../trust';\nexport const r = z.enum(ROLES);\n",
  },
  {
    file: 'db/__lint_probe__/prepare.ts',
    code: "export const q = (db: { prepare(sql: string): unknown }) => db.prepare('SELECT 1');\n",
  },
];

const written = [...probes, ...allowed].map((p) => path.join(repo, p.file));

describe('lint enforces the architecture', () => {
  let results: Map<string, ESLint.LintResult>;

  beforeAll(async () => {
    for (const file of written) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
    }
    for (const probe of [...probes, ...allowed]) {
      fs.writeFileSync(path.join(repo, probe.file), probe.code);
    }
    const eslint = new ESLint({ cwd: repo });
    const linted = await eslint.lintFiles(written);
    results = new Map(linted.map((r) => [path.relative(repo, r.filePath), r]));
  });

  afterAll(() => {
    for (const file of written) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it.each(probes)('rejects $name', (probe) => {
    const messages = results.get(probe.file)?.messages ?? [];
    expect(messages).toContainEqual(
      expect.objectContaining({
        ruleId: probe.rule,
        severity: 2,
        message: expect.stringMatching(probe.message) as string,
      }),
    );
  });

  it.each(allowed)('allows $file', ({ file }) => {
    const restricted = (results.get(file)?.messages ?? []).filter((m) =>
      m.ruleId?.includes('restricted'),
    );
    expect(restricted).toEqual([]);
  });
});

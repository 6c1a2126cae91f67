import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshotTree, useTempDirs } from '../tests/support/temp-dir';
import { expectDeskError } from '../tests/support/desk-error';
import { DATABASE_FILE, EVIDENCE_DIR, initWorkspace, openWorkspace } from './workspace';

describe('workspace', () => {
  const tempDir = useTempDirs();

  it('initialises a new directory: database, evidence store, first audit entry, owner-only modes', () => {
    const dataDir = path.join(tempDir(), 'data');
    const workspace = initWorkspace({ dataDir, classification: 'top secret//si//noforn' });
    expect(workspace.services.workstation.status().classification).toEqual({
      marking: 'TOP SECRET//SI//NOFORN',
      level: 'TS/SCI',
      controls: ['SI', 'NOFORN'],
    });
    expect(workspace.services.audit.page(10, null).events.map((e) => e.kind)).toEqual([
      'workstation.initialised',
    ]);
    workspace.close();
    expect(fs.statSync(path.join(dataDir, EVIDENCE_DIR)).isDirectory()).toBe(true);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dataDir, DATABASE_FILE)).mode & 0o777).toBe(0o600);
  });

  it('reopens what it initialised', () => {
    const dataDir = path.join(tempDir(), 'data');
    initWorkspace({ dataDir, classification: 'CUI' }).close();
    const reopened = openWorkspace({ dataDir });
    expect(reopened.services.workstation.status().classification.level).toBe('CUI');
    reopened.close();
  });

  it('accepts an existing empty directory', () => {
    const dataDir = tempDir();
    initWorkspace({ dataDir, classification: 'SECRET' }).close();
    expect(fs.existsSync(path.join(dataDir, DATABASE_FILE))).toBe(true);
  });

  it('refuses to initialise twice and leaves the first workstation byte-for-byte alone', async () => {
    const dataDir = path.join(tempDir(), 'data');
    initWorkspace({ dataDir, classification: 'SECRET//NOFORN' }).close();
    const before = snapshotTree(dataDir);
    await expectDeskError(
      () => initWorkspace({ dataDir, classification: 'UNCLASSIFIED' }),
      'ALREADY_INITIALISED',
      /already a Designation Desk workstation; nothing was changed/,
    );
    expect(snapshotTree(dataDir)).toEqual(before);
  });

  it('refuses a non-empty foreign directory and touches nothing in it', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'thesis.docx'), 'mine');
    const before = snapshotTree(dataDir);
    await expectDeskError(
      () => initWorkspace({ dataDir, classification: 'SECRET' }),
      'FOREIGN_DIRECTORY',
      /not empty and is not a Designation Desk workstation.*Nothing was changed/,
    );
    expect(snapshotTree(dataDir)).toEqual(before);
  });

  it('refuses a path that is a file', async () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, 'x');
    await expectDeskError(
      () => initWorkspace({ dataDir: file, classification: 'SECRET' }),
      'FOREIGN_DIRECTORY',
      /is not a directory/,
    );
  });

  it('refuses a bad marking before creating anything', async () => {
    const dataDir = path.join(tempDir(), 'data');
    await expectDeskError(
      () => initWorkspace({ dataDir, classification: 'SECRET//<b>' }),
      'INVALID_MARKING',
      /not a valid control marking.*Nothing was changed/,
    );
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses to open a directory that is not a workstation, and says how to make one', async () => {
    const dataDir = tempDir();
    await expectDeskError(() => openWorkspace({ dataDir }), 'NOT_INITIALISED', /desk init --data/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });
});

/**
 * The renderer never receives a secret: no response schema has a field that could carry
 * one, and the responses of a real session (unlock, browse, lock) contain neither the
 * passphrase nor any form of the secret key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, contract } from '../../common/ipc';
import { createHandlers, createRouter } from '../../main/ipc';
import { makeBundle, makeWorkstation } from '../support/lab';
import { useTempDirs } from '../support/temp-dir';

const SECRET_FIELD = /secret|passphrase|password|datakey|privatekey|sealed|seed|salt/i;

/**
 * The random seeds of a horizon's bootstrap (the rule's, and the one its outcome records):
 * a number anyone rerunning the bootstrap needs, not key material.
 */
const NOT_SECRET = new Set(['horizon.seed', 'bootstrap.seed']);

/** Every field of `schema` as a dotted path from its parent object ("horizon.seed"). */
function fieldNames(schema: z.ZodType, parent = '', seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const children: [string, z.ZodType][] = [];
  const names: string[] = [];
  if (def.type === 'object') {
    for (const [name, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      names.push(parent === '' ? name : `${parent}.${name}`);
      children.push([name, child]);
    }
  }
  for (const key of ['element', 'innerType', 'valueType', 'in', 'out']) {
    if (def[key]) children.push([parent, def[key] as z.ZodType]);
  }
  for (const key of ['options', 'items']) {
    if (Array.isArray(def[key]))
      children.push(...(def[key] as z.ZodType[]).map((c): [string, z.ZodType] => [parent, c]));
  }
  return [...names, ...children.flatMap(([name, child]) => fieldNames(child, name, seen))];
}

describe('no secret crosses the bridge', () => {
  const tempDir = useTempDirs();

  it('no response schema has a field that could carry a secret', () => {
    const all = CHANNELS.flatMap((channel) =>
      fieldNames(contract[channel].response).map((f) => `${channel}.${f}`),
    );
    expect(all.length).toBeGreaterThan(50);
    const suspect = all.filter((f) => SECRET_FIELD.test(f.split('.').at(-1) ?? ''));
    expect(suspect.filter((f) => !NOT_SECRET.has(f.split('.').slice(-2).join('.')))).toEqual([]);
    // The exemption is not idle: the seeds are there, and nothing else is exempted.
    expect(suspect.length).toBeGreaterThan(0);
  });

  it('a whole session of responses holds neither the passphrase nor the secret key', async () => {
    const s = await makeWorkstation(tempDir());
    const bundle = await makeBundle(path.join(tempDir(), 'b.evbundle'), s.lab.unlocked);
    const workspace = s.open();
    workspace.services.identities.enrol(JSON.parse(fs.readFileSync(s.reviewer.secretFile, 'utf8')));
    const dispatch = createRouter(
      createHandlers(workspace.services, {
        chooseBundleFiles: () => Promise.resolve([bundle]),
        emit: () => undefined,
      }),
      (_c, e) => {
        throw e;
      },
    );
    const ctx = { origin: 'app://desk' };
    const responses: unknown[] = [];
    const call = async (channel: string, args: unknown) => {
      const result = await dispatch(channel, args, ctx);
      responses.push(result);
      return result;
    };
    await call('unlock', { keyid: s.reviewer.unlocked.keyid, passphrase: 'reviewer passphrase' });
    await call('importBundles', { source: 'dialog' });
    for (const channel of [
      'getSession',
      'listIdentities',
      'listBundles',
      'getTrustRoster',
      'getWorkstationStatus',
    ]) {
      await call(channel, {});
    }
    await call('listAuditEvents', { limit: 200, beforeSeq: null });
    const model = { developer: 'Acme AI', name: 'frontier-1', version: '2026-10' };
    expect(await call('evaluateModel', { model, setId: null })).toMatchObject({
      ok: true,
      value: { state: 'no-threshold-set' },
    });
    await call('lock', {});
    // Locked: values never reach the renderer, whatever it asks.
    expect(await call('evaluateModel', { model, setId: null })).toEqual({
      ok: true,
      value: { state: 'locked' },
    });
    expect(await call('openThresholdSet', { id: 'any' })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    expect(await call('saveThresholdSet', { document: {}, grantTo: [] })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    const text = JSON.stringify(responses);
    expect(text).toContain('"ok":true');
    const sealed = JSON.parse(fs.readFileSync(s.reviewer.secretFile, 'utf8')) as Record<
      string,
      string
    >;
    for (const secret of [
      'reviewer passphrase',
      ...Object.values(sealed).filter((v) => typeof v === 'string' && v.length > 40),
    ]) {
      if (secret === sealed.publicKey || secret === sealed.keyid) continue;
      expect(text).not.toContain(secret);
    }
    workspace.close();
  });
});

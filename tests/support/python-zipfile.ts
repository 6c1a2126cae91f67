/**
 * What Python's zipfile reads from an archive: the reference the desk's zip reader is
 * compared with (the same bytes must mean the same entries to both). Needs python3 on
 * PATH, as on the workstation image and in CI; without it the differential tests fail
 * and say so rather than pass without comparing anything.
 */
import { spawnSync } from 'node:child_process';

export type PythonReading =
  | {
      readonly ok: true;
      readonly entries: readonly { readonly name: string; readonly data: Buffer }[];
    }
  | { readonly ok: false; readonly error: string };

const READER = `
import base64, json, sys, zipfile
try:
    with zipfile.ZipFile(sys.argv[1]) as archive:
        entries = [{"name": i.filename, "data": base64.b64encode(archive.read(i)).decode()}
                   for i in archive.infolist()]
    print(json.dumps({"ok": True, "entries": entries}))
except Exception as error:
    print(json.dumps({"ok": False, "error": f"{type(error).__name__}: {error}"}))
`;

export function pythonZipRead(file: string): PythonReading {
  const run = spawnSync('python3', ['-c', READER, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error !== undefined) {
    throw new Error(
      `The differential zip tests need python3 on PATH (its zipfile module is the reference reader), and it could not be run: ${run.error.message}`,
    );
  }
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as
    { ok: true; entries: { name: string; data: string }[] } | { ok: false; error: string };
  if (!result.ok) return result;
  return {
    ok: true,
    entries: result.entries.map((e) => ({ name: e.name, data: Buffer.from(e.data, 'base64') })),
  };
}

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
def read(file):
    try:
        with zipfile.ZipFile(file) as archive:
            return {"ok": True, "entries": [
                {"name": i.filename, "data": base64.b64encode(archive.read(i)).decode()}
                for i in archive.infolist()]}
    except Exception as error:
        return {"ok": False, "error": f"{type(error).__name__}: {error}"}
print(json.dumps([read(file) for file in sys.argv[1:]]))
`;

export function pythonZipRead(file: string): PythonReading {
  const [reading] = pythonZipReadAll([file]);
  if (reading === undefined) throw new Error('python3 gave no answer');
  return reading;
}

/** Python's reading of each file, in one run of python3 (starting it takes half a second here). */
export function pythonZipReadAll(files: readonly string[]): PythonReading[] {
  const run = spawnSync('python3', ['-c', READER, ...files], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (run.error !== undefined) {
    throw new Error(
      `The differential zip tests need python3 on PATH (its zipfile module is the reference reader), and it could not be run: ${run.error.message}`,
    );
  }
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as (
    { ok: true; entries: { name: string; data: string }[] } | { ok: false; error: string }
  )[];
  return results.map((result) =>
    result.ok
      ? {
          ok: true,
          entries: result.entries.map((e) => ({
            name: e.name,
            data: Buffer.from(e.data, 'base64'),
          })),
        }
      : result,
  );
}

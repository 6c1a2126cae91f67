/**
 * Passphrases for the CLI: from a file (`--passphrase-file`, first line) or typed at the
 * terminal without echo. Returned as bytes so the caller can wipe them after use; never
 * taken from an argument or an environment variable, where they would leak into shell
 * history and process listings.
 */
import { printable } from '../../common/text';
import { FileProblem, readRegularFile } from '../user-files';
import { UsageError } from './io';

export async function readPassphrase(
  file: string | undefined,
  prompt: string,
): Promise<Uint8Array> {
  if (file !== undefined) return fromFile(file);
  if (!process.stdin.isTTY) {
    throw new UsageError('No terminal to ask for the passphrase on; pass --passphrase-file FILE.');
  }
  return new TextEncoder().encode(await promptHidden(prompt));
}

/** A passphrase is one line; a file much larger than any is not a passphrase file. */
const MAX_PASSPHRASE_FILE_BYTES = 64 * 1024;

function fromFile(file: string): Uint8Array {
  let text: string;
  try {
    const bytes = readRegularFile(file, MAX_PASSPHRASE_FILE_BYTES);
    text = bytes.toString('utf8');
    bytes.fill(0);
  } catch (error) {
    const why = error instanceof FileProblem ? `: the file ${error.message}` : '';
    throw new UsageError(`The passphrase file ${printable(file)} cannot be read${why}.`);
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line.length === 0) throw new UsageError(`The passphrase file ${printable(file)} is empty.`);
  return new TextEncoder().encode(line);
}

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    let typed = '';
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          finish();
          return;
        }
        if (char === '\u0003') {
          finish(new UsageError('Cancelled.'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

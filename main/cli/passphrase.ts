/**
 * Passphrases for the CLI: from a file (`--passphrase-file`, first line) or typed at the
 * terminal without echo. Returned as bytes so the caller can wipe them after use; never
 * taken from an argument or an environment variable, where they would leak into shell
 * history and process listings.
 */
import fs from 'node:fs';
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

function fromFile(file: string): Uint8Array {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`The passphrase file ${file} cannot be read.`);
  }
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  if (line.length === 0) throw new UsageError(`The passphrase file ${file} is empty.`);
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

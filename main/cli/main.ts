/** Entry point of the `desk` command (bin/desk.mjs loads the built copy of this file). */
import { runDesk } from './run';

process.exitCode = await runDesk(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

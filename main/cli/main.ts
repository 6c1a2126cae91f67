/** Entry point of the `desk` command (bin/desk.mjs loads the built copy of this file). */
import { EXIT, processStreams } from './io';
import { runDesk } from './run';

process.exitCode = await runDesk(process.argv.slice(2), {
  ...processStreams(),
  onInterrupt: (listener) => {
    let interrupts = 0;
    const onSigint = () => {
      interrupts += 1;
      if (interrupts === 1) {
        listener();
        return;
      }
      // Whatever the interrupted work left is removed the next time the workstation opens.
      process.stderr.write('desk: stopped at once; the next "desk" command cleans up.\n');
      process.exit(EXIT.interrupted);
    };
    process.on('SIGINT', onSigint);
    return () => {
      process.off('SIGINT', onSigint);
    };
  },
});

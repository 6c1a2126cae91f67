export { runDesk, DESK_HELP } from './run';
export { EXIT, type CliIo, type ExitCode } from './io';

/**
 * Reads what `strace -f -ff -yy -e trace=network` recorded and judges it for
 * `npm run prove-offline`. With -yy strace names every socket's protocol beside its
 * descriptor (`12<UDPv6:[…]>`, `5<UNIX-STREAM:[…]>`), so a send on a connected socket is
 * attributed to its family even though the call names no address.
 *
 * The rule: every call on a socket of the Internet families (AF_INET, AF_INET6, packet or
 * raw sockets), loopback included, is a violation, as is any connect, bind, listen, accept
 * or send (or socket opened) whose family cannot be told. Two families stay on the machine by
 * construction and are allowed:
 *   AF_UNIX     Chromium's Mojo IPC between its own processes, its SingletonSocket, and
 *               the Playwright runner's channel to its workers are Unix socket pairs or
 *               paths; they reach no network interface. (The paths connected to are listed
 *               in the summary, so a connection to a local daemon that could relay stays
 *               visible.)
 *   AF_NETLINK  Chromium's network-change notifier and libuv's interface listing ask the
 *               kernel for its links and addresses (NETLINK_ROUTE), and Chromium's device
 *               monitor listens for udev events (NETLINK_KOBJECT_UEVENT): messages to and
 *               from the kernel itself, never a packet on a wire.
 */

export type Family =
  | 'AF_UNIX'
  | 'AF_NETLINK'
  | 'AF_INET'
  | 'AF_INET6'
  | 'AF_PACKET'
  /** A socket call on a descriptor that is no socket (a file, a pipe): it fails ENOTSOCK. */
  | 'not-a-socket'
  | 'unknown';

export interface NetworkCall {
  readonly syscall: string;
  readonly family: Family;
  /** The file and line it came from, for the report. */
  readonly where: string;
  readonly text: string;
}

export interface Judgement {
  /** Calls per family, then per system call. */
  readonly counts: ReadonlyMap<Family, ReadonlyMap<string, number>>;
  /** Calls strace could not attribute to a socket (the process was exiting mid-call). */
  readonly unattributed: readonly NetworkCall[];
  /** Unix socket paths connected or bound to (abstract ones start with @). */
  readonly unixPaths: readonly string[];
  readonly violations: readonly NetworkCall[];
}

/** Calls that open, make, accept or send on a connection: an unknown family here fails closed. */
const FAIL_CLOSED = new Set([
  'socket',
  'socketpair',
  'connect',
  'bind',
  'listen',
  'accept',
  'accept4',
  'sendto',
  'sendmsg',
  'sendmmsg',
]);
const ALLOWED: ReadonlySet<Family> = new Set(['AF_UNIX', 'AF_NETLINK', 'not-a-socket']);

/** strace's -yy protocol names, by family. */
const PROTOCOLS: readonly [RegExp, Family][] = [
  [/^UNIX/, 'AF_UNIX'],
  [/^NETLINK/, 'AF_NETLINK'],
  [/^(?:TCP|UDP|UDPLITE|RAW|PING|SCTP|DCCP)v6$/, 'AF_INET6'],
  [/^(?:TCP|UDP|UDPLITE|RAW|PING|SCTP|DCCP)$/, 'AF_INET'],
  [/^PACKET/, 'AF_PACKET'],
];

const CALL = /^(?:\d+\s+)?([a-z0-9_]+)\((.*)$/;

/** The family a call acts on, from its socket's -yy label, its address or its first argument. */
function familyOf(syscall: string, args: string): Family {
  const named = /AF_(UNIX|LOCAL|NETLINK|INET6|INET|PACKET)\b/.exec(args);
  const addressed = /sa_family=AF_(UNIX|LOCAL|NETLINK|INET6|INET|PACKET)\b/.exec(args);
  if (syscall === 'socket' || syscall === 'socketpair') return asFamily(named?.[1]);
  if (/^\d+<(?:\/|pipe:|anon_inode:)/.test(args)) return 'not-a-socket';
  const label = /^\d+<([A-Za-z0-9-]+):/.exec(args)?.[1];
  const byLabel = label === undefined ? undefined : PROTOCOLS.find(([p]) => p.test(label))?.[1];
  const byAddress = addressed ? asFamily(addressed[1]) : undefined;
  // A label and an address that disagree (they cannot, for a real socket) count as the worse.
  const candidates = [byLabel, byAddress].filter((f): f is Family => f !== undefined);
  return candidates.find((f) => !ALLOWED.has(f)) ?? candidates[0] ?? 'unknown';
}

function asFamily(name: string | undefined): Family {
  if (name === 'UNIX' || name === 'LOCAL') return 'AF_UNIX';
  if (name === 'NETLINK' || name === 'INET' || name === 'INET6' || name === 'PACKET')
    return `AF_${name}`;
  return 'unknown';
}

/** The calls in one strace output file (one process or thread, as -ff writes them). */
export function parseTrace(text: string, file: string): NetworkCall[] {
  const calls: NetworkCall[] = [];
  text.split('\n').forEach((line, i) => {
    const match = CALL.exec(line);
    if (!match) return; // signals, exits, "<... resumed>" halves
    const [, syscall = '', args = ''] = match;
    calls.push({ syscall, family: familyOf(syscall, args), where: `${file}:${i + 1}`, text: line });
  });
  return calls;
}

export function judge(calls: readonly NetworkCall[]): Judgement {
  const counts = new Map<Family, Map<string, number>>();
  const unixPaths = new Set<string>();
  const violations: NetworkCall[] = [];
  const unattributed: NetworkCall[] = [];
  /*
   * strace labels a descriptor by reading /proc while the call runs; a process killed
   * mid-call (Chromium's at shutdown) leaves a bare number. Such a call can be on an
   * Internet socket only if one was opened in the traced tree, and every socket() and
   * socketpair() names its family in its arguments: so bare calls pass only when none but
   * Unix and netlink sockets were ever opened.
   */
  const onlyLocalSockets = calls
    .filter((c) => c.syscall === 'socket' || c.syscall === 'socketpair')
    .every((c) => c.family === 'AF_UNIX' || c.family === 'AF_NETLINK');
  for (const call of calls) {
    const perCall = counts.get(call.family) ?? new Map<string, number>();
    perCall.set(call.syscall, (perCall.get(call.syscall) ?? 0) + 1);
    counts.set(call.family, perCall);
    if (call.family === 'AF_UNIX' && (call.syscall === 'connect' || call.syscall === 'bind')) {
      const unixPath = /sun_path=(@?)"([^"]*)"/.exec(call.text);
      if (unixPath) unixPaths.add(`${unixPath[1] ?? ''}${unixPath[2] ?? ''}`);
    }
    if (ALLOWED.has(call.family)) continue;
    if (call.family === 'unknown' && !FAIL_CLOSED.has(call.syscall)) continue;
    const bare = call.family === 'unknown' && /^(?:\d+\s+)?[a-z0-9_]+\(\d+,/.test(call.text);
    if (bare && onlyLocalSockets && call.syscall !== 'socket' && call.syscall !== 'socketpair') {
      unattributed.push(call);
      continue;
    }
    violations.push(call);
  }
  return { counts, unattributed, unixPaths: [...unixPaths].sort(), violations };
}

/** The summary printed and kept beside the traces. */
export function describeJudgement(judgement: Judgement): string {
  const lines = ['Network system calls by socket family:'];
  const families = [...judgement.counts.keys()].sort();
  if (families.length === 0) lines.push('  (none)');
  for (const family of families) {
    const perCall = judgement.counts.get(family) ?? new Map<string, number>();
    const total = [...perCall.values()].reduce((a, b) => a + b, 0);
    const detail = [...perCall.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, n]) => `${name} ${String(n)}`)
      .join(', ');
    lines.push(`  ${family.padEnd(10)} ${String(total).padStart(8)}  (${detail})`);
  }
  lines.push(`Unix socket paths connected or bound: ${judgement.unixPaths.join(', ') || '(none)'}`);
  lines.push(
    `Unattributed calls (the process was exiting mid-call; allowed as no Internet-family socket was ever opened): ${String(judgement.unattributed.length)}`,
  );
  for (const u of judgement.unattributed.slice(0, 5)) lines.push(`  ${u.where}: ${u.text}`);
  lines.push(
    `Violations (Internet-family or unattributable calls): ${String(judgement.violations.length)}`,
  );
  for (const v of judgement.violations.slice(0, 20)) lines.push(`  ${v.where}: ${v.text}`);
  if (judgement.violations.length > 20)
    lines.push(`  … and ${String(judgement.violations.length - 20)} more`);
  return lines.join('\n');
}
